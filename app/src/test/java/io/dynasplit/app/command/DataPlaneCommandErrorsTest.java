package io.dynasplit.app.command;

import static io.dynasplit.app.command.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dynasplit.app.CliErrors;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input to the data-plane commands: one line {@code dynasplit <cmd>: <message>}, no stack
 * trace, exit 2 or 1.
 */
class DataPlaneCommandErrorsTest {

  private static void assertOneLine(CliRun r, int exit, String start) {
    assertEquals(exit, r.exit(), r.err());
    String text = r.err().strip();
    assertFalse(text.contains("\n"), "one line: " + text);
    assertTrue(text.startsWith(start), text);
    assertFalse(
        text.contains("Exception") || text.contains("\tat ") || text.endsWith("null"), text);
  }

  /** Verifies that a missing --image file is named, exit 2. */
  @Test
  void missingImageIsNamed(@TempDir Path dir) {
    Path missing = dir.resolve("page.png");
    CliRun r =
        run("request", "--model", "ppocr-cls", "--image", missing.toString(), "--sla", "100");
    assertOneLine(r, 2, "dynasplit request: --image: no such file: " + missing);
  }

  /** Verifies that sizes that are not WxH with sensible sides are refused, exit 2. */
  @Test
  void badSizesAreRefused() {
    for (String size : new String[] {"0x0", "abcx1", "640", "640x480x3", "-5x10"}) {
      CliRun r = run("request", "--model", "ppocr-cls", "--random", "--size", size, "--sla", "100");
      assertOneLine(r, 2, "dynasplit request: --size must be WxH");
      assertTrue(r.err().contains("'" + size + "'"), r.err());
    }
  }

  /** Verifies that negative tail thread counts (cloud, up) are refused before anything starts. */
  @Test
  void negativeCloudThreadsAreRefused() {
    CliRun r = run("cloud", "--broker-port", "1", "--threads", "-1");
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().contains("--threads must be >= 0: -1"), r.err());
    CliRun up = run("up", "--cloud-threads", "-2");
    assertEquals(2, up.exit(), up.err());
    assertTrue(up.err().contains("--cloud-threads must be >= 0: -2"), up.err());
  }

  /** Verifies that an edge with no broker to reach says which broker and why, exit 1. */
  @Test
  void edgeWithoutBrokerSaysWhy(@TempDir Path dir) throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    CliRun r =
        run(
            "edge",
            "--broker-host",
            "127.0.0.1",
            "--broker-port",
            String.valueOf(port),
            "--models",
            "ppocr-cls",
            "--fronts",
            dir.toString());
    assertOneLine(r, 1, "dynasplit edge: cannot reach the mqtt broker at 127.0.0.1:" + port + ": ");
  }

  /**
   * Verifies that the condensed cause chain skips empty and repeated messages and never says
   * "null".
   */
  @Test
  void causeChainIsCondensed() {
    Exception e =
        new RuntimeException(
            new IllegalStateException("outer", new java.io.IOException((String) null)));
    assertEquals("outer", CliErrors.message(e));
    assertEquals("NullPointerException", CliErrors.message(new NullPointerException()));
  }
}
