package io.dynasplit.app.command;

import static io.dynasplit.app.command.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dynasplit.app.CliErrors;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
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

  /** Verifies that an --http-port out of range is refused before anything starts, exit 2. */
  @Test
  void httpPortOutOfRangeIsRefused() {
    List<CliRun> runs =
        List.of(
            run("up", "--http-port", "70000"),
            run("edge", "--broker-port", "1", "--http-port", "70000"),
            run("cloud", "--broker-port", "1", "--http-port", "70000"));
    for (CliRun r : runs) {
      assertEquals(2, r.exit(), r.err());
      assertTrue(r.err().contains("--http-port must be in 0..65535: 70000"), r.err());
    }
  }

  /** Verifies that up on an HTTP port already taken says so and stops what it started. */
  @Test
  void httpPortTakenIsNamed(@TempDir Path dir) throws Exception {
    try (ServerSocket taken = new ServerSocket(0)) {
      int port = taken.getLocalPort();
      CliRun r =
          run(
              "up",
              "--port",
              "0",
              "--data",
              dir.toString(),
              "--models",
              "ppocr-cls",
              "--http-port",
              String.valueOf(port));
      assertEquals(1, r.exit(), r.err());
      assertTrue(r.err().contains("cannot serve http on 127.0.0.1:" + port), r.err());
      assertTrue(r.err().contains("choose another --http-port"), r.err());
    }
  }

  /** Verifies that a missing --tensor file is named, exit 2. */
  @Test
  void missingTensorIsNamed(@TempDir Path dir) {
    Path missing = dir.resolve("crop.npy");
    CliRun r =
        run("request", "--model", "ppocr-cls", "--tensor", missing.toString(), "--sla", "100");
    assertOneLine(r, 2, "dynasplit request: --tensor: no such file: " + missing);
  }

  /** Verifies that a raw tensor file of the wrong size says what the shape needs, exit 2. */
  @Test
  void rawTensorOfTheWrongSizeIsRefused(@TempDir Path dir) throws Exception {
    Path raw = NpyFiles.write(dir, "crop.f32", NpyFiles.randomFloats(100, 1));
    CliRun r = run("request", "--model", "ppocr-cls", "--tensor", raw.toString(), "--sla", "100");
    assertOneLine(
        r,
        2,
        "dynasplit request: --tensor: "
            + raw
            + " is not a .npy file, and as raw little-endian float32 it holds 400 bytes, but shape"
            + " 1x3x48x192 needs 110592 (27648 values of 4 bytes)");
  }

  /**
   * Verifies that .npy files of another shape, another dtype, Fortran order, or less data than
   * their shape are refused with the reason, exit 2.
   */
  @Test
  void unfitNpyFilesAreRefused(@TempDir Path dir) throws Exception {
    byte[] small = NpyFiles.randomFloats(3 * 32 * 32, 1);
    byte[] fortran = NpyFiles.npy("<f4", new long[] {1, 3, 32, 32}, small);
    String header = new String(fortran, 0, 64, StandardCharsets.US_ASCII);
    byte[] flag = "'fortran_order': True ".getBytes(StandardCharsets.US_ASCII); // same length
    System.arraycopy(flag, 0, fortran, header.indexOf("'fortran_order'"), flag.length);
    record Case(String name, byte[] bytes, String reason) {}
    List<Case> cases =
        List.of(
            new Case(
                "shape.npy",
                NpyFiles.npy("<f4", new long[] {1, 3, 32, 32}, small),
                "shape 1x3x32x32 does not fit model ppocr-cls, which takes x of shape 1x3x48x192"),
            new Case(
                "f8.npy",
                NpyFiles.npy("<f8", new long[] {1, 3, 16, 16}, small),
                "holds <f8, not little-endian float32 ('<f4')"),
            new Case(
                "short.npy",
                NpyFiles.npy("<f4", new long[] {1, 3, 48, 192}, small),
                "holds 12288 bytes of data, but its shape 1x3x48x192 of float32 needs 110592"),
            new Case("fortran.npy", fortran, "is in Fortran order"));
    for (Case c : cases) {
      Path file = NpyFiles.write(dir, c.name(), c.bytes());
      CliRun r =
          run("request", "--model", "ppocr-cls", "--tensor", file.toString(), "--sla", "100");
      assertOneLine(r, 2, "dynasplit request: --tensor: " + file + ": ");
      assertTrue(r.err().contains(c.reason()), r.err());
    }
  }

  /**
   * Verifies that a random tensor for a model with dynamic dimensions needs --shape, one for a
   * model with int64 inputs or one not in the catalog is refused, and --shape must fit, exit 2.
   */
  @Test
  void randomTensorsTheModelCannotTakeAreRefused() {
    assertOneLine(
        run("request", "--model", "ppocr-det", "--random-tensor", "--sla", "100"),
        2,
        "dynasplit request: --random-tensor: model ppocr-det takes x of shape 1x3x?x?, with"
            + " dynamic dimensions (?): give them with --shape, for example --shape 1x3x32x32");
    assertOneLine(
        run("request", "--model", "minilm-l6", "--random-tensor", "--sla", "100"),
        2,
        "dynasplit request: --random-tensor sends one float32 tensor, but model minilm-l6 takes 3"
            + " inputs (input_ids, attention_mask, token_type_ids)");
    assertOneLine(
        run("request", "--model", "no-such-model", "--random-tensor", "--sla", "100"),
        2,
        "dynasplit request: --model: no-such-model is not in the catalog");
    assertOneLine(
        run(
            "request",
            "--model",
            "ppocr-det",
            "--random-tensor",
            "--shape",
            "1x1x64x64",
            "--sla",
            "100"),
        2,
        "dynasplit request: --shape 1x1x64x64 does not fit model ppocr-det, which takes x of shape"
            + " 1x3x?x?");
    assertOneLine(
        run(
            "request",
            "--model",
            "ppocr-det",
            "--random-tensor",
            "--shape",
            "1x3x0",
            "--sla",
            "100"),
        2,
        "dynasplit request: --shape must be positive sizes joined by x");
  }

  /**
   * Verifies that --frame needs a tensor input, --shape a tensor, and the input options exclude
   * each other, exit 2.
   */
  @Test
  void inputOptionsThatDoNotGoTogetherAreRefused(@TempDir Path dir) {
    assertOneLine(
        run("request", "--model", "ppocr-cls", "--random", "--frame", "--sla", "100"),
        2,
        "dynasplit request: --frame sends a tensor: use it with --tensor or --random-tensor");
    assertOneLine(
        run("request", "--model", "ppocr-cls", "--random", "--shape", "1x3x48x192", "--sla", "100"),
        2,
        "dynasplit request: --shape is the shape of --tensor or --random-tensor");
    CliRun both =
        run(
            "request",
            "--model",
            "ppocr-cls",
            "--random-tensor",
            "--tensor",
            dir.resolve("x.npy").toString(),
            "--sla",
            "100");
    assertEquals(2, both.exit(), both.err());
    assertTrue(both.err().contains("mutually exclusive"), both.err());
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
