package io.dynasplit.optimizer.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dynasplit.schemas.Codec;
import io.dynasplit.schemas.Configuration;
import io.dynasplit.schemas.FrontEntry;
import io.dynasplit.schemas.Json;
import io.dynasplit.schemas.ParetoFront;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests of our own pool formats (a front JSON, a trials file) and of the trials file itself. */
class PoolFilesTest {

  private static FrontEntry entry(int split, double latency, double edgeJ, double cloudJ) {
    Configuration c =
        new Configuration(
            split, 1200, split == 0 ? "off" : "max", 2, Codec.FP16, split == 4 ? "none" : "gpu");
    return new FrontEntry(
        c,
        latency,
        latency * 1.2,
        latency / 2,
        latency / 4,
        latency / 4,
        split == 4 ? 0 : 4096,
        edgeJ,
        cloudJ,
        0.9,
        20);
  }

  /**
   * Verifies that a front JSON reads as a pool whose entries are its runs, and its space spans
   * them.
   */
  @Test
  void frontJsonIsAPool(@TempDir Path dir) throws IOException {
    List<FrontEntry> entries =
        List.of(entry(0, 100, 0.1, 5), entry(2, 150, 1, 3), entry(4, 400, 2, 0));
    Path file = dir.resolve("profile.json");
    Files.write(
        file,
        Json.toBytes(new ParetoFront(1, "ppocr-det", "profile", "2026-11-23T08:00:00Z", entries)));
    SimulationPool pool = PoolFiles.read(file, "ppocr-det");
    assertEquals(3, pool.size());
    assertEquals(Integer.valueOf(4), pool.space().allEdgeSplit());
    assertEquals(
        entries.get(1).latencyMs(), pool.mean(entries.get(1).config()).orElseThrow().latencyMs());
    assertEquals(
        entries.get(1).latencyP95Ms(),
        pool.mean(entries.get(1).config()).orElseThrow().latencyP95Ms());
    var e = assertThrows(IllegalArgumentException.class, () -> PoolFiles.read(file, "vgg16"));
    assertTrue(e.getMessage().contains("for model 'ppocr-det', not 'vgg16'"), e.getMessage());
  }

  /**
   * Verifies that trials round-trip through the trials file and that it reads as a pool of its
   * measured trials.
   */
  @Test
  void trialsFileRoundTripsAndIsAPool(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("t.jsonl");
    FrontEntry a = entry(2, 150, 1, 3);
    Configuration unmeasured = entry(3, 1, 1, 1).config();
    try (TrialsFile t = TrialsFile.openForAppend(file)) {
      t.append(new Trial(1, "m", a.config(), a));
      t.append(new Trial(2, "m", unmeasured, null));
    }
    List<Trial> back = TrialsFile.read(file);
    assertEquals(
        List.of(new Trial(1, "m", a.config(), a), new Trial(2, "m", unmeasured, null)), back);
    SimulationPool pool = PoolFiles.read(file, "m");
    assertEquals(1, pool.size());
    assertTrue(pool.isMeasured(a.config()));
  }

  /**
   * Verifies that a broken line in the middle of a trials file is an error naming the line, while a
   * cut-short last line is dropped.
   */
  @Test
  void brokenTrialsLines(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("t.jsonl");
    FrontEntry a = entry(2, 150, 1, 3);
    String good = new String(Json.toBytes(new Trial(1, "m", a.config(), a)));
    Files.writeString(file, good + "\n{\"number\":2,\"mo");
    assertEquals(1, TrialsFile.read(file).size());
    Files.writeString(file, good + "\nnot json\n" + good + "\n");
    var e = assertThrows(IllegalArgumentException.class, () -> TrialsFile.read(file));
    assertTrue(e.getMessage().contains("line 2"), e.getMessage());
  }

  /** Verifies that an empty front file and an unknown extension are refused with clear messages. */
  @Test
  void badFilesAreRefused(@TempDir Path dir) throws IOException {
    Path empty = dir.resolve("empty.json");
    Files.writeString(empty, "");
    var e = assertThrows(IllegalArgumentException.class, () -> PoolFiles.read(empty, "m"));
    assertTrue(e.getMessage().contains("empty file"), e.getMessage());
    Path other = dir.resolve("pool.txt");
    Files.writeString(other, "x");
    var f = assertThrows(IllegalArgumentException.class, () -> PoolFiles.read(other, "m"));
    assertTrue(f.getMessage().contains("unknown pool format"), f.getMessage());
    Path emptyCsv = dir.resolve("empty.csv");
    Files.writeString(emptyCsv, "");
    var g = assertThrows(CsvFormatException.class, () -> PoolFiles.read(emptyCsv, "m"));
    assertTrue(g.getMessage().startsWith("empty.csv: empty file"), g.getMessage());
  }
}
