package io.dynasplit.app.command;

import static io.dynasplit.app.command.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dynasplit.app.DynasplitCommand;
import io.dynasplit.broker.BrokerPersistence;
import io.dynasplit.broker.BrokerSettings;
import io.dynasplit.broker.MosquittoAcl;
import io.dynasplit.schemas.Topics;
import io.dynasplit.testsupport.CommandResult;
import io.dynasplit.testsupport.MosquittoClients;
import io.dynasplit.testsupport.MosquittoSubscriber;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code dynasplit broker} and {@code dynasplit broker acl}. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class BrokerCommandTest {

  @TempDir Path dir;

  /** Verifies that every option lands in the broker settings. */
  @Test
  void parsesOptions() {
    BrokerCommand command =
        parse(
            "broker",
            "--port",
            "1884",
            "--ws-port",
            "0",
            "--data",
            dir.toString(),
            "--bind",
            "127.0.0.1");
    assertEquals(
        new BrokerSettings(1884, 0, "127.0.0.1", dir.toAbsolutePath()), command.settings());
  }

  /**
   * Verifies that the defaults are 1883, 8000, every interface and data/broker under the working
   * directory.
   */
  @Test
  void hasDefaults() {
    BrokerSettings settings = parse("broker").settings();
    assertEquals(1883, settings.port());
    assertEquals(8000, settings.wsPort());
    assertEquals("0.0.0.0", settings.bindAddress());
    assertEquals(Path.of("data/broker").toAbsolutePath().normalize(), settings.dataDir());
    assertEquals(BrokerPersistence.MEMORY, settings.persistence());
  }

  /**
   * Verifies that --persistence file keeps the broker's state in files, and a bad value exits 2.
   */
  @Test
  void takesThePersistence() {
    assertEquals(
        BrokerPersistence.FILE, parse("broker", "--persistence", "file").settings().persistence());
    CliRun run = run("broker", "--persistence", "disk", "--data", dir.toString());
    assertEquals(2, run.exit());
    assertTrue(run.err().contains("broker persistence must be memory or file: 'disk'"), run.err());
  }

  /** Verifies that a port out of range exits with 2 and a message naming the value. */
  @Test
  void rejectsPortOutOfRange() {
    CliRun run = run("broker", "--port", "70000", "--data", dir.toString());
    assertEquals(2, run.exit());
    assertTrue(run.err().contains("port must be in 0..65535: 70000"), run.err());
  }

  /** Verifies that a taken port exits with 1 and says which port is in use. */
  @Test
  void takenPortIsAClearError() throws Exception {
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
      CliRun run =
          run(
              "broker",
              "--port",
              Integer.toString(taken.getLocalPort()),
              "--ws-port",
              "0",
              "--bind",
              "127.0.0.1",
              "--data",
              dir.toString());
      assertEquals(1, run.exit());
      assertTrue(
          run.err()
              .contains("MQTT port " + taken.getLocalPort() + " on 127.0.0.1 is not available"),
          run.err());
    }
  }

  /**
   * Verifies that the running command prints its listeners, relays mosquitto_pub to mosquitto_sub
   * and stops cleanly.
   */
  @Test
  void servesUntilStopped() throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CountDownLatch stop = new CountDownLatch(1);
    AtomicInteger exit = new AtomicInteger(-1);
    Thread server =
        new Thread(
            () -> {
              try {
                exit.set(
                    BrokerCommand.serve(
                        BrokerSettings.ephemeral(dir),
                        new PrintWriter(out, true),
                        new PrintWriter(err, true),
                        stop));
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "broker-command-under-test");
    server.start();
    try {
      int port = awaitPort(out);
      MosquittoClients clients = MosquittoClients.of("127.0.0.1", port);
      String topic = Topics.DEFAULT.edgeStatus("edge-cli");
      try (MosquittoSubscriber subscriber = clients.subscribe(topic, 1)) {
        assertEquals(List.of(1), subscriber.awaitSubscribed());
        CommandResult published = clients.publish(topic, "online");
        assertTrue(published.succeeded(), published.output());
        assertEquals(List.of(topic + " online"), subscriber.awaitMessages(), subscriber.output());
      }
    } finally {
      stop.countDown();
      server.join(TimeUnit.SECONDS.toMillis(30));
    }
    assertEquals(0, exit.get(), err.toString());
    assertTrue(out.toString().endsWith("broker stopped" + System.lineSeparator()), out.toString());
  }

  /**
   * Verifies that broker acl prints the generated ACL, for the default and another prefix, with and
   * without edges.
   */
  @Test
  void aclPrintsTheGeneratedAcl() {
    CliRun defaults = run("broker", "acl");
    assertEquals(0, defaults.exit());
    assertEquals(MosquittoAcl.render(Topics.DEFAULT, List.of()), defaults.out());
    CliRun site = run("broker", "acl", "--prefix", "site/a", "--edge", "e1", "--edge", "e2");
    assertEquals(0, site.exit(), site.err());
    assertEquals(MosquittoAcl.render(new Topics("site/a"), List.of("e1", "e2")), site.out());
    CliRun twice = run("broker", "acl", "--edge", "e1", "--edge", "e1");
    assertEquals(2, twice.exit());
    assertTrue(twice.err().contains("--edge: edge id given twice: 'e1'"), twice.err());
    CliRun wildcard = run("broker", "acl", "--edge", "e+");
    assertEquals(2, wildcard.exit());
    assertTrue(wildcard.err().contains("--edge: edgeId must be"), wildcard.err());
    CliRun bad = run("broker", "acl", "--prefix", "a/#");
    assertEquals(2, bad.exit());
    assertTrue(bad.err().contains("--prefix: prefix must not contain MQTT wildcards"), bad.err());
  }

  /** Verifies that the root help lists the broker command. */
  @Test
  void rootHelpListsBroker() {
    CliRun help = run("--help");
    assertEquals(0, help.exit());
    assertTrue(help.out().contains("broker"), help.out());
  }

  private static final Pattern PORT = Pattern.compile("mqtt://[^:]+:(\\d+)");

  private static int awaitPort(StringWriter out) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      Matcher m = PORT.matcher(out.toString());
      if (m.find()) {
        return Integer.parseInt(m.group(1));
      }
      Thread.sleep(50);
    }
    throw new AssertionError("the broker printed no listener line: " + out);
  }

  private static BrokerCommand parse(String... args) {
    CommandLine.ParseResult result = DynasplitCommand.commandLine().parseArgs(args);
    return (BrokerCommand) result.subcommand().commandSpec().userObject();
  }
}
