package io.dynasplit.optimizer.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextFilesTest {

  /**
   * Verifies that the pool, workload, trials and front readers report a Latin-1 file as not UTF-8
   * text, with the offset of the bad byte.
   */
  @Test
  void nonUtf8IsNamed(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("w.csv");
    Files.write(
        file, "Index,Network,Latency\n0,caf\u00e9,1\n".getBytes(StandardCharsets.ISO_8859_1));

    IllegalArgumentException workload =
        assertThrows(IllegalArgumentException.class, () -> SlaWorkloadCsv.read(file, "vgg16"));
    IllegalArgumentException pool =
        assertThrows(IllegalArgumentException.class, () -> SplinterPoolCsv.read(file, "vgg16"));

    assertEquals(file + ": not UTF-8 text (invalid byte at offset 27)", workload.getMessage());
    assertEquals(workload.getMessage(), pool.getMessage());

    Path trials = dir.resolve("t.jsonl");
    Files.write(trials, "{\"caf\u00e9\":1}\n".getBytes(StandardCharsets.ISO_8859_1));
    Path front = dir.resolve("f.json");
    Files.write(front, "{\"caf\u00e9\":1}\n".getBytes(StandardCharsets.ISO_8859_1));
    assertEquals(
        trials + ": not UTF-8 text (invalid byte at offset 5)",
        assertThrows(IllegalArgumentException.class, () -> TrialsFile.read(trials)).getMessage());
    assertEquals(
        front + ": not UTF-8 text (invalid byte at offset 5)",
        assertThrows(IllegalArgumentException.class, () -> PoolFiles.readFront(front))
            .getMessage());
  }

  /**
   * Verifies that a missing file and a folder are named as such, and UTF-8 text is read as it is.
   */
  @Test
  void missingFileAndFolder(@TempDir Path dir) throws IOException {
    Path absent = dir.resolve("absent.csv");
    Path text = Files.writeString(dir.resolve("ok.csv"), "caf\u00e9\n", StandardCharsets.UTF_8);

    assertEquals(
        absent + ": no such file",
        assertThrows(IllegalArgumentException.class, () -> TextFiles.readUtf8(absent))
            .getMessage());
    assertEquals(
        dir + ": not a regular file",
        assertThrows(IllegalArgumentException.class, () -> TextFiles.readUtf8(dir)).getMessage());
    assertEquals(
        absent + ": no such file",
        assertThrows(IllegalArgumentException.class, () -> PoolFiles.readFront(absent))
            .getMessage());
    assertEquals("caf\u00e9\n", TextFiles.readUtf8(text));
  }
}
