package io.dynasplit.app.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.dynasplit.app.DynasplitCommand;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Tests of the one set of broker options and the old spellings kept as hidden aliases. */
class BrokerOptionsTest {

  /** Verifies that edge, cloud and request take the same broker options. */
  @Test
  void everyClientCommandTakesTheSameOptions() {
    for (String command : new String[] {"edge", "cloud", "request"}) {
      List<String> args =
          new ArrayList<>(
              List.of(
                  command,
                  "--broker-host",
                  "h",
                  "--broker-port",
                  "1884",
                  "--username",
                  "u",
                  "--password-env",
                  "V"));
      if (command.equals("request")) {
        args.addAll(List.of("--model", "m", "--random", "--sla", "1"));
      }
      BrokerOptions b = options(args.toArray(String[]::new));
      assertEquals("h", b.host, command);
      assertEquals(1884, b.port, command);
      assertEquals("u", b.username, command);
      assertEquals("V", b.passwordEnv, command);
    }
    OptimizeCommand optimize =
        (OptimizeCommand) parse("optimize", "--broker-host", "h", "--broker-port", "1885");
    assertEquals("h", optimize.broker.host);
    assertEquals(1885, optimize.broker.port);
  }

  /** Verifies that {@code --port} and {@code optimize --broker HOST:PORT} still work, unlisted. */
  @Test
  void oldSpellingsStillWork() {
    assertEquals(1886, options("edge", "--port", "1886").port);
    assertEquals(1883, options("edge").port);
    OptimizeCommand optimize = (OptimizeCommand) parse("optimize", "--broker", "b:1887");
    assertEquals("b", optimize.broker.host);
    assertEquals(1887, optimize.broker.port);
    String help = CliRun.run("edge", "--help").out();
    assertFalse(help.contains("--port"), help);
  }

  /** Verifies that {@code profile --codecs} takes a list or one codec, and the old --codec. */
  @Test
  void profileTakesCodecs() {
    assertEquals(
        "fp16,int8",
        ((ProfileCommand) parse("profile", "--model", "m", "--codecs", "fp16,int8")).codecs);
    assertEquals(
        "int8", ((ProfileCommand) parse("profile", "--model", "m", "--codec", "int8")).codecs);
    assertEquals("fp32", ((ProfileCommand) parse("profile", "--model", "m")).codecs);
  }

  private static BrokerOptions options(String... args) {
    Object command = parse(args);
    return switch (command) {
      case EdgeCommand e -> e.broker;
      case CloudCommand c -> c.broker;
      case RequestCommand r -> r.broker;
      default -> throw new AssertionError(command);
    };
  }

  private static Object parse(String... args) {
    CommandLine.ParseResult result = DynasplitCommand.commandLine().parseArgs(args);
    return result.subcommand().commandSpec().userObject();
  }
}
