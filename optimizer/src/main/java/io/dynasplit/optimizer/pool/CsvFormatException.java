package io.dynasplit.optimizer.pool;

/**
 * A CSV file that does not have the expected shape: it names the file, the line (1 is the header)
 * and, where one is at fault, the column.
 */
public final class CsvFormatException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final String source;
  private final int line;
  private final String column;

  /**
   * An error at one line and column.
   *
   * @param source the file name (or another description of the input)
   * @param line the 1-based line number; 0 when the file as a whole is at fault
   * @param column the column's header name, or null when no single column is at fault
   * @param problem what is wrong, lower case
   */
  public CsvFormatException(String source, int line, String column, String problem) {
    super(format(source, line, column, problem));
    this.source = source;
    this.line = line;
    this.column = column;
  }

  /** The file name. */
  public String source() {
    return source;
  }

  /** The 1-based line number (the header is line 1); 0 when the whole file is at fault. */
  public int line() {
    return line;
  }

  /** The column's header name, or null. */
  public String column() {
    return column;
  }

  private static String format(String source, int line, String column, String problem) {
    StringBuilder b = new StringBuilder(source);
    if (line > 0) {
      b.append(" line ").append(line);
    }
    if (column != null) {
      b.append(", column '").append(column).append('\'');
    }
    return b.append(": ").append(problem).toString();
  }
}
