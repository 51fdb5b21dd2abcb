package io.dynasplit.app.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dynasplit.schemas.Codec;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code dynasplit bench codecs} on the classifier's real activation, small. */
class BenchCodecsCommandTest {

  /**
   * Verifies that every codec gets a row with its frame bytes and ratios, that the numeric codecs
   * halve and quarter fp32, and that compression shrinks each of them.
   */
  @Test
  void printsEveryCodecsBytesAndTimes() {
    CliRun r = CliRun.run("bench", "codecs", "--models", "ppocr-cls", "--n", "2", "--warmup", "0");
    assertEquals(0, r.exit(), () -> r.out() + r.err());
    assertTrue(r.out().contains("ppocr-cls split "), r.out());
    Map<Codec, String[]> rows = new HashMap<>();
    for (String line : r.lines()) {
      String[] f = line.trim().split("\\s+");
      if (f.length > 0 && Arrays.stream(Codec.values()).anyMatch(c -> c.wireName().equals(f[0]))) {
        rows.put(Codec.of(f[0]), f);
      }
    }
    assertEquals(Codec.values().length, rows.size(), r.out());
    for (Codec c : Codec.values()) {
      String[] f = rows.get(c);
      long bytes = Long.parseLong(f[1]);
      double xFp32 = Double.parseDouble(f[2]);
      double xPlain = Double.parseDouble(f[3]);
      long plain = Long.parseLong(rows.get(c.uncompressed())[1]);
      assertEquals((double) bytes / Long.parseLong(rows.get(Codec.FP32)[1]), xFp32, 1e-3);
      assertEquals((double) bytes / plain, xPlain, 1e-3);
      assertTrue(Double.parseDouble(f[4]) > 0 && Double.parseDouble(f[6]) > 0, List.of(f) + "");
      if (c != c.uncompressed()) {
        assertTrue(bytes < plain, c + " " + bytes + " vs " + plain);
      }
    }
    assertTrue(Double.parseDouble(rows.get(Codec.INT8)[2]) < 0.3, r.out());
  }

  @Test
  void anUnknownCodecIsRefused() {
    CliRun r = CliRun.run("bench", "codecs", "--codecs", "int8+gzip");
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().contains("--codecs must list codecs of " + Codec.names()), r.err());
  }
}
