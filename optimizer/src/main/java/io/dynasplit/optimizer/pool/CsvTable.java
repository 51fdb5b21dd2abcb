package io.dynasplit.optimizer.pool;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A CSV file read whole, with typed accessors whose errors name the line and column.
 *
 * <p>The dialect is the one pandas writes: comma separated, a header line, fields optionally in
 * double quotes (a doubled quote inside stands for one), no line breaks inside fields. Fields are
 * trimmed of surrounding white space; column names keep their inner spaces ({@code avg energy edge
 * (J)}). Blank lines are skipped.
 */
public final class CsvTable {

  private final String source;
  private final List<String> header;
  private final Map<String, Integer> columns;
  private final List<String[]> rows;
  private final int[] lineNumbers;

  private CsvTable(String source, List<String> header, List<String[]> rows, int[] lineNumbers) {
    this.source = source;
    this.header = List.copyOf(header);
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < header.size(); i++) {
      index.putIfAbsent(header.get(i), i);
    }
    this.columns = Map.copyOf(index);
    this.rows = rows;
    this.lineNumbers = lineNumbers;
  }

  /**
   * Reads a whole CSV text and checks that it has a header with the required columns and that every
   * row has as many fields as the header.
   *
   * @param source the file name, for error messages
   * @param reader the text; not closed
   * @param required the columns that must be present
   * @throws CsvFormatException if the text is empty, a required column is missing or a row has the
   *     wrong number of fields
   * @throws IOException if reading fails
   */
  public static CsvTable read(String source, Reader reader, List<String> required)
      throws IOException {
    Objects.requireNonNull(source, "source");
    BufferedReader in = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
    List<String> header = null;
    List<String[]> rows = new ArrayList<>();
    List<Integer> lines = new ArrayList<>();
    int lineNo = 0;
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      lineNo++;
      if (lineNo == 1 && line.startsWith("\uFEFF")) {
        line = line.substring(1);
      }
      if (line.isBlank()) {
        continue;
      }
      String[] fields = split(source, lineNo, line);
      if (header == null) {
        header = List.of(fields);
        for (String r : required) {
          if (!header.contains(r)) {
            throw new CsvFormatException(
                source,
                lineNo,
                r,
                "missing column (the header has " + String.join(", ", header) + ")");
          }
        }
        continue;
      }
      if (fields.length != header.size()) {
        throw new CsvFormatException(
            source,
            lineNo,
            null,
            "has " + fields.length + " fields, the header has " + header.size());
      }
      rows.add(fields);
      lines.add(lineNo);
    }
    if (header == null) {
      throw new CsvFormatException(
          source,
          0,
          null,
          "empty file, expected a header line with the columns " + String.join(", ", required));
    }
    return new CsvTable(source, header, rows, lines.stream().mapToInt(Integer::intValue).toArray());
  }

  /** The file name used in error messages. */
  public String source() {
    return source;
  }

  /** The header's column names. */
  public List<String> header() {
    return header;
  }

  /** Number of data rows. */
  public int size() {
    return rows.size();
  }

  /** The 1-based line number of a data row in the file. */
  public int lineOf(int row) {
    return lineNumbers[row];
  }

  /** The raw (trimmed) text of a field. */
  public String text(int row, String column) {
    Integer c = columns.get(column);
    if (c == null) {
      throw new IllegalArgumentException("no column '" + column + "' in " + source);
    }
    return rows.get(row)[c];
  }

  /** A field as a finite number. */
  public double number(int row, String column) {
    String t = text(row, column);
    double v;
    try {
      v = Double.parseDouble(t);
    } catch (NumberFormatException e) {
      throw error(row, column, "expected a number, got '" + t + "'");
    }
    if (!Double.isFinite(v)) {
      throw error(row, column, "expected a finite number, got '" + t + "'");
    }
    return v;
  }

  /** A field as a number that must be {@code >= 0}. */
  public double nonNegative(int row, String column) {
    double v = number(row, column);
    if (v < 0) {
      throw error(row, column, "expected a number >= 0, got '" + text(row, column) + "'");
    }
    return v;
  }

  /** A field as an integer, written as an integer or as an integral float ({@code 1200.0}). */
  public int integer(int row, String column) {
    double v = number(row, column);
    if (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE) {
      throw error(row, column, "expected an integer, got '" + text(row, column) + "'");
    }
    return (int) v;
  }

  /** A field as a boolean: {@code True} or {@code False}, any case. */
  public boolean bool(int row, String column) {
    String t = text(row, column).toLowerCase(Locale.ROOT);
    return switch (t) {
      case "true" -> true;
      case "false" -> false;
      default ->
          throw error(row, column, "expected True or False, got '" + text(row, column) + "'");
    };
  }

  /**
   * A field that must be one of the given values (compared in lower case); returns it lower case.
   */
  public String oneOf(int row, String column, List<String> allowed) {
    String t = text(row, column).toLowerCase(Locale.ROOT);
    if (!allowed.contains(t)) {
      throw error(
          row,
          column,
          "expected one of " + String.join(", ", allowed) + ", got '" + text(row, column) + "'");
    }
    return t;
  }

  /** An error about one field of a data row. */
  public CsvFormatException error(int row, String column, String problem) {
    return new CsvFormatException(source, lineOf(row), column, problem);
  }

  private static String[] split(String source, int lineNo, String line) {
    List<String> out = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    boolean wasQuoted = false;
    for (int i = 0; i < line.length(); i++) {
      char ch = line.charAt(i);
      if (quoted) {
        if (ch == '"') {
          if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
            field.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          field.append(ch);
        }
      } else if (ch == ',') {
        out.add(wasQuoted ? field.toString() : field.toString().strip());
        field.setLength(0);
        wasQuoted = false;
      } else if (ch == '"' && field.toString().isBlank()) {
        field.setLength(0);
        quoted = true;
        wasQuoted = true;
      } else {
        field.append(ch);
      }
    }
    if (quoted) {
      throw new CsvFormatException(source, lineNo, null, "unterminated quoted field");
    }
    out.add(wasQuoted ? field.toString() : field.toString().strip());
    return out.toArray(String[]::new);
  }
}
