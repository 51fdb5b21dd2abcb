package io.dynasplit.app.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code dynasplit bench dataplane} end to end, small: the classifier through the real path next to
 * the echo floors through the same broker and through Mosquitto, and a throughput run.
 */
class BenchDataplaneCommandTest {

  @Test
  void printsTransferAgainstBothFloorsAndTheThroughput() {
    CliRun r =
        CliRun.run(
            "bench",
            "dataplane",
            "--models",
            "ppocr-cls",
            "--codecs",
            "fp32",
            "--n",
            "4",
            "--warmup",
            "1",
            "--throughput-requests",
            "30",
            "--in-flight",
            "4");
    assertEquals(0, r.exit(), () -> r.out() + r.err());
    List<String> rows = r.lines().stream().filter(l -> l.startsWith("ppocr-cls ")).toList();
    assertEquals(1, rows.size(), r.out());
    String[] f = rows.get(0).trim().split("\\s+");
    // model split codec bytesOut bytesBack transfer ownFloor xOwn mosqFloor xMosq ...
    assertEquals("fp32", f[2]);
    assertTrue(Long.parseLong(f[3]) > 1000, "a tensor crossed: " + rows.get(0));
    assertTrue(Long.parseLong(f[4]) > 0, "an answer came back: " + rows.get(0));
    for (int i = 5; i <= 9; i++) {
      assertTrue(Double.parseDouble(f[i]) > 0, "column " + i + " of " + rows.get(0));
    }
    Matcher t =
        Pattern.compile(
                "throughput ppocr-cls .* ([0-9.]+) replies/s; compute bound .* = ([0-9.]+)/s")
            .matcher(r.out());
    assertTrue(t.find(), r.out());
    assertTrue(Double.parseDouble(t.group(1)) > 0 && Double.parseDouble(t.group(2)) > 0, r.out());
  }

  @Test
  void aSplitThatSendsNothingIsRefused() {
    CliRun r = CliRun.run("bench", "dataplane", "--models", "ppocr-cls", "--split", "ppocr-cls=0");
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().contains("is not a candidate that sends a tensor"), r.err());
  }
}
