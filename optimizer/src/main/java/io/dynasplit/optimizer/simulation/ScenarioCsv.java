package io.dynasplit.optimizer.simulation;

import io.dynasplit.optimizer.pool.CsvFormatException;
import io.dynasplit.optimizer.pool.CsvTable;
import io.dynasplit.optimizer.pool.TextFiles;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a scenario file: CSV with a header naming the axis column ({@code request}, {@code
 * fraction} or {@code time_s}) and the columns {@code bandwidth_factor} and {@code
 * cloud_load_factor}; one row per step, in increasing order of the axis column.
 *
 * {@snippet lang=csv :
 * fraction,bandwidth_factor,cloud_load_factor
 * 0.3333,0.25,1
 * 0.6667,1,1
 * }
 */
public final class ScenarioCsv {

  /** The factor columns every scenario file has. */
  public static final List<String> FACTOR_COLUMNS =
      List.of("bandwidth_factor", "cloud_load_factor");

  private ScenarioCsv() {}

  /**
   * Reads a scenario file; an {@link IllegalArgumentException} when it is missing or not UTF-8
   * text.
   */
  public static Scenario read(Path file) throws IOException {
    return read(file.getFileName().toString(), new StringReader(TextFiles.readUtf8(file)));
  }

  /**
   * Reads scenario text.
   *
   * @throws CsvFormatException when a column is missing, a value is wrong or the steps are out of
   *     order, naming the line and column
   */
  public static Scenario read(String source, Reader reader) throws IOException {
    CsvTable t = CsvTable.read(source, reader, FACTOR_COLUMNS);
    Scenario.Axis axis = null;
    for (Scenario.Axis a : Scenario.Axis.values()) {
      if (t.header().contains(a.column())) {
        if (axis != null) {
          throw new CsvFormatException(
              source,
              1,
              a.column(),
              "a scenario has one axis column, found " + axis.column() + " and " + a.column());
        }
        axis = a;
      }
    }
    if (axis == null) {
      throw new CsvFormatException(
          source, 1, null, "a scenario needs an axis column: request, fraction or time_s");
    }
    List<Scenario.Step> steps = new ArrayList<>();
    for (int i = 0; i < t.size(); i++) {
      double from = t.nonNegative(i, axis.column());
      double b = t.number(i, "bandwidth_factor");
      double c = t.number(i, "cloud_load_factor");
      if (!(b > 0)) {
        throw t.error(
            i,
            "bandwidth_factor",
            "expected a factor > 0, got '" + t.text(i, "bandwidth_factor") + "'");
      }
      if (!(c > 0)) {
        throw t.error(
            i,
            "cloud_load_factor",
            "expected a factor > 0, got '" + t.text(i, "cloud_load_factor") + "'");
      }
      if (axis == Scenario.Axis.FRACTION && from > 1) {
        throw t.error(
            i,
            axis.column(),
            "expected a fraction in [0, 1], got '" + t.text(i, axis.column()) + "'");
      }
      if (!steps.isEmpty() && !(from > steps.get(steps.size() - 1).from())) {
        throw t.error(
            i,
            axis.column(),
            "steps must be in increasing order, got '"
                + t.text(i, axis.column())
                + "' after "
                + steps.get(steps.size() - 1).from());
      }
      steps.add(new Scenario.Step(from, b, c));
    }
    return new Scenario(axis, steps);
  }
}
