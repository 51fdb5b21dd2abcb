package io.dynasplit.optimizer.pool;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * Reads the paper's SLA workload files ({@code network_latency_10000_samples.csv}, {@code
 * network_latency_50_samples.csv}): columns {@code Index,Network,Latency}, one request per row, the
 * rows of one network in {@code Index} order.
 */
public final class SlaWorkloadCsv {

  /** The columns this reader needs. */
  public static final List<String> REQUIRED_COLUMNS = List.of("Index", "Network", "Latency");

  private SlaWorkloadCsv() {}

  /**
   * Reads the requests of one network from a workload file.
   *
   * @param file the CSV file
   * @param network the network to keep, such as {@code vgg16} (compared case-insensitively)
   * @throws CsvFormatException on a missing column or a wrong value (naming the line and column),
   *     or when the file has no row for the network (naming the networks it has)
   * @throws IllegalArgumentException when the file does not exist or is not UTF-8 text
   * @throws IOException if the file cannot be read
   */
  public static SlaWorkload read(Path file, String network) throws IOException {
    return read(file.getFileName().toString(), new StringReader(TextFiles.readUtf8(file)), network);
  }

  /** Reads the requests of one network from workload text (see {@link #read(Path, String)}). */
  public static SlaWorkload read(String source, Reader reader, String network) throws IOException {
    CsvTable t = CsvTable.read(source, reader, REQUIRED_COLUMNS);
    String wanted = network.toLowerCase(Locale.ROOT);
    TreeSet<String> seen = new TreeSet<>();
    record Row(int index, double sla) {}
    ArrayList<Row> rows = new ArrayList<>();
    for (int i = 0; i < t.size(); i++) {
      String n = t.text(i, "Network").toLowerCase(Locale.ROOT);
      seen.add(n);
      if (!n.equals(wanted)) {
        continue;
      }
      int index = t.integer(i, "Index");
      double sla = t.number(i, "Latency");
      if (!(sla > 0)) {
        throw t.error(i, "Latency", "expected an SLA > 0 ms, got '" + t.text(i, "Latency") + "'");
      }
      rows.add(new Row(index, sla));
    }
    if (rows.isEmpty()) {
      throw new CsvFormatException(
          source,
          0,
          "Network",
          "no rows for network '" + network + "' (the file has " + String.join(", ", seen) + ")");
    }
    rows.sort(Comparator.comparingInt(Row::index));
    return new SlaWorkload(wanted, rows.stream().mapToDouble(Row::sla).toArray());
  }
}
