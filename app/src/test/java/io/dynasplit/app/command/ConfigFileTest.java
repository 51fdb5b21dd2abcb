package io.dynasplit.app.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dynasplit.app.DynasplitCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code --config FILE} of edge, cloud and up: values from the file, flags override them. */
class ConfigFileTest {

  private static <T> T parsed(String command, String... args) {
    CommandLine cl = DynasplitCommand.commandLine();
    String[] all = new String[args.length + 1];
    all[0] = command;
    System.arraycopy(args, 0, all, 1, args.length);
    cl.parseArgs(all);
    return cl.getSubcommands().get(command).getCommand();
  }

  /**
   * Verifies that a properties file sets the edge id and broker, and that a flag overrides the
   * file.
   */
  @Test
  void propertiesFileSetsTheEdgeIdAndAFlagOverridesIt(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("edge.properties");
    Files.writeString(
        file,
        "edge-id=pi-7\nbroker-host=broker.lan\nbroker-port=1999\nmodels=ppocr-cls,ppocr-det\n");
    EdgeCommand fromFile = parsed("edge", "--config", file.toString());
    assertEquals("pi-7", fromFile.node.edgeId);
    assertEquals("broker.lan", fromFile.broker.host);
    assertEquals(1999, fromFile.broker.port);
    assertEquals(List.of("ppocr-cls", "ppocr-det"), fromFile.node.models);
    assertEquals(64, fromFile.maxInFlight, "an option the file leaves out keeps its default");

    EdgeCommand overridden = parsed("edge", "--config", file.toString(), "--edge-id", "pi-8");
    assertEquals("pi-8", overridden.node.edgeId);
    assertEquals("broker.lan", overridden.broker.host);

    EdgeCommand none = parsed("edge");
    assertEquals("edge-1", none.node.edgeId);
  }

  /** Verifies that a JSON file works for up, with numbers and a list of models. */
  @Test
  void jsonFileSetsUpOptions(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("up.json");
    Files.writeString(
        file, "{\"edge-id\": \"site-3\", \"max-in-flight\": 12, \"models\": [\"ppocr-cls\"]}");
    UpCommand up = parsed("up", "--config", file.toString(), "--grace-ms", "500");
    assertEquals("site-3", up.node.edgeId);
    assertEquals(12, up.maxInFlight);
    assertEquals(500, up.node.graceMs);
    assertEquals(List.of("ppocr-cls"), up.node.models);
  }

  /** Verifies that an unknown key is one line naming the key and the file, exit 2. */
  @Test
  void unknownKeyIsNamed(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("cloud.properties");
    Files.writeString(file, "worker-id=gpu-1\nedge-id=oops\n");
    CliRun r = CliRun.run("cloud", "--config", file.toString());
    assertEquals(2, r.exit(), r.err());
    String line = r.err().strip();
    assertTrue(line.contains("unknown key 'edge-id'") && line.contains(file.toString()), line);
    assertFalse(line.contains("\tat "), line);
  }
}
