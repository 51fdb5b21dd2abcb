package io.dynasplit.optimizer.pool;

import io.dynasplit.schemas.Json;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A JSON-lines file of {@link Trial}s, one per line, appended as the optimizer evaluates so that an
 * interrupted run can resume from it.
 *
 * <p>A run killed while writing can leave a last line cut short (no line break at its end): {@link
 * #read} drops such a line, since its evaluation is simply redone. Any other bad line is an error
 * naming the line.
 */
public final class TrialsFile implements Closeable {

  private final Path file;
  private final BufferedWriter out;

  private TrialsFile(Path file, BufferedWriter out) {
    this.file = file;
    this.out = out;
  }

  /**
   * Opens a trials file for appending, creating it (and its folder) if needed. If the file ends in
   * a cut-short line, the line is removed first so new lines start clean.
   *
   * @throws IOException if the file cannot be opened
   */
  public static TrialsFile openForAppend(Path file) throws IOException {
    Objects.requireNonNull(file, "file");
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    if (Files.exists(file)) {
      byte[] bytes = Files.readAllBytes(file);
      int end = bytes.length;
      if (end > 0 && bytes[end - 1] != '\n') {
        int cut = end - 1;
        while (cut >= 0 && bytes[cut] != '\n') {
          cut--;
        }
        try (var ch = java.nio.channels.FileChannel.open(file, StandardOpenOption.WRITE)) {
          ch.truncate(cut + 1L);
        }
      }
    }
    BufferedWriter w =
        Files.newBufferedWriter(
            file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    return new TrialsFile(file, w);
  }

  /** The file. */
  public Path file() {
    return file;
  }

  /**
   * Appends one trial as one line and flushes it to the operating system.
   *
   * @throws IOException if writing fails
   */
  public void append(Trial trial) throws IOException {
    out.write(new String(Json.toBytes(trial), StandardCharsets.UTF_8));
    out.write('\n');
    out.flush();
  }

  @Override
  public void close() throws IOException {
    out.close();
  }

  /**
   * Reads every complete trial of a file; a missing file has none.
   *
   * @throws IllegalArgumentException if a complete line is not a trial (naming the file and line),
   *     or the file is not UTF-8 text
   * @throws IOException if the file cannot be read
   */
  public static List<Trial> read(Path file) throws IOException {
    if (!Files.exists(file)) {
      return List.of();
    }
    String text = TextFiles.readUtf8(file);
    boolean lastComplete = text.endsWith("\n");
    String[] lines = text.split("\n", -1);
    List<Trial> out = new ArrayList<>();
    int last = lines.length - 1; // after the final '\n' split leaves an empty string
    for (int i = 0; i <= last; i++) {
      String line = lines[i].strip();
      if (line.isEmpty()) {
        continue;
      }
      try {
        out.add(Json.fromBytes(line.getBytes(StandardCharsets.UTF_8), Trial.class));
      } catch (IllegalArgumentException e) {
        if (i == last && !lastComplete) {
          break; // cut short by an interrupted write: redo that evaluation
        }
        throw new IllegalArgumentException(file + " line " + (i + 1) + ": " + e.getMessage(), e);
      }
    }
    return out;
  }
}
