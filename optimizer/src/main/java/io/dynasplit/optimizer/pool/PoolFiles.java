package io.dynasplit.optimizer.pool;

import io.dynasplit.schemas.FrontEntry;
import io.dynasplit.schemas.Json;
import io.dynasplit.schemas.ParetoFront;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads a simulation pool from a file in any of the formats the project knows, chosen by the file
 * name's extension:
 *
 * <ul>
 *   <li>{@code .csv}: the paper's pool format ({@link SplinterPoolCsv});
 *   <li>{@code .json}: our own profile format, a {@link ParetoFront} (as written by {@code
 *       dynasplit profile} or {@code dynasplit optimize}); each entry counts as one measured run;
 *   <li>{@code .jsonl}: an optimizer trials file ({@link TrialsFile}); each measured trial counts
 *       as one run, unmeasured trials are skipped.
 * </ul>
 */
public final class PoolFiles {

  private PoolFiles() {}

  /**
   * Reads a pool.
   *
   * @param file the file
   * @param model the network the file measures; a JSON front for another model is an error
   * @throws IllegalArgumentException (a {@link CsvFormatException} for CSV) when the file does not
   *     exist, is not UTF-8 text or its content is wrong, with the reason
   * @throws IOException if the file cannot be read
   */
  public static SimulationPool read(Path file, String model) throws IOException {
    TextFiles.requireRegularFile(file);
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".csv")) {
      return SplinterPoolCsv.read(file, model);
    }
    if (name.endsWith(".jsonl")) {
      List<FrontEntry> rows = new ArrayList<>();
      for (Trial t : TrialsFile.read(file)) {
        if (t.entry() != null) {
          rows.add(t.entry());
        }
      }
      if (rows.isEmpty()) {
        throw new IllegalArgumentException(file + ": no measured trial in the trials file");
      }
      return SimulationPool.of(model, file.getFileName().toString(), rows);
    }
    if (name.endsWith(".json")) {
      ParetoFront front = readFront(file);
      if (!front.model().equalsIgnoreCase(model)) {
        throw new IllegalArgumentException(
            file + ": the front is for model '" + front.model() + "', not '" + model + "'");
      }
      if (front.entries().isEmpty()) {
        throw new IllegalArgumentException(file + ": the front has no entries");
      }
      List<FrontEntry> rows = front.entries();
      return SimulationPool.of(model, file.getFileName().toString(), rows);
    }
    throw new IllegalArgumentException(
        file
            + ": unknown pool format; expected a .csv (paper), .json (front) or .jsonl (trials)"
            + " file");
  }

  /**
   * Reads a Pareto front JSON file.
   *
   * @throws IllegalArgumentException if it does not exist or is not a valid front, with the reason
   * @throws IOException if the file cannot be read
   */
  public static ParetoFront readFront(Path file) throws IOException {
    TextFiles.requireRegularFile(file);
    byte[] bytes = TextFiles.readUtf8(file).getBytes(StandardCharsets.UTF_8);
    if (bytes.length == 0) {
      throw new IllegalArgumentException(
          file + ": empty file, expected a Pareto front JSON object");
    }
    try {
      return Json.fromBytes(bytes, ParetoFront.class);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }
}
