package io.dynasplit.app.report;

import io.dynasplit.optimizer.simulation.RequestOutcome;
import io.dynasplit.optimizer.simulation.SimulationResult;
import io.dynasplit.optimizer.simulation.StrategySummary;
import io.dynasplit.schemas.Configuration;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Writes a simulation's {@code summary.csv} and {@code requests.csv} and formats its terminal
 * table.
 */
public final class SimulationReport {

  /** The columns of {@code summary.csv}, in order. */
  public static final List<String> SUMMARY_COLUMNS =
      List.of(
          "strategy",
          "energy_j",
          "edge_energy_j",
          "cloud_energy_j",
          "latency_p50_ms",
          "latency_p95_ms",
          "latency_p99_ms",
          "sla_met_pct",
          "saving_vs_cloud_pct");

  /** The columns of {@code requests.csv}, in order. */
  public static final List<String> REQUEST_COLUMNS =
      List.of(
          "strategy",
          "index",
          "sla_ms",
          "split",
          "cpu_freq_mhz",
          "edge_accelerator",
          "threads",
          "codec",
          "cloud_accelerator",
          "predicted_latency_ms",
          "latency_ms",
          "edge_energy_j",
          "cloud_energy_j",
          "energy_j",
          "sla_met",
          "bandwidth_factor",
          "cloud_load_factor");

  private SimulationReport() {}

  public static void writeSummary(SimulationResult result, Path file) throws IOException {
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write(String.join(",", SUMMARY_COLUMNS));
      w.newLine();
      for (StrategySummary s : result.summaries()) {
        w.write(
            String.format(
                Locale.ROOT,
                "%s,%.6f,%.6f,%.6f,%.3f,%.3f,%.3f,%.3f,%.3f",
                s.strategy(),
                s.energyJ(),
                s.edgeEnergyJ(),
                s.cloudEnergyJ(),
                s.latencyP50Ms(),
                s.latencyP95Ms(),
                s.latencyP99Ms(),
                s.slaMetPct(),
                s.savingVsCloudPct()));
        w.newLine();
      }
    }
  }

  public static void writeRequests(SimulationResult result, Path file) throws IOException {
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write(String.join(",", REQUEST_COLUMNS));
      w.newLine();
      for (RequestOutcome o : result.outcomes()) {
        Configuration c = o.config();
        w.write(
            String.format(
                Locale.ROOT,
                "%s,%d,%.3f,%d,%d,%s,%d,%s,%s,%.3f,%.3f,%.6f,%.6f,%.6f,%b,%s,%s",
                o.strategy(),
                o.index(),
                o.slaMs(),
                c.split(),
                c.cpuFreqMHz(),
                c.edgeAccelerator(),
                c.threads(),
                c.codec().wireName(),
                c.cloudAccelerator(),
                o.predictedLatencyMs(),
                o.latencyMs(),
                o.edgeEnergyJ(),
                o.cloudEnergyJ(),
                o.energyJ(),
                o.slaMet(),
                factor(o.bandwidthFactor()),
                factor(o.cloudLoadFactor())));
        w.newLine();
      }
    }
  }

  /** The summary as an aligned text table for the terminal. */
  public static String table(SimulationResult result) {
    String[] head = {
      "strategy",
      "energy J",
      "edge J",
      "cloud J",
      "p50 ms",
      "p95 ms",
      "p99 ms",
      "SLA met %",
      "saving %"
    };
    StringBuilder out = new StringBuilder();
    String format = "%-10s %9s %8s %8s %8s %8s %8s %9s %8s%n";
    out.append(String.format(Locale.ROOT, format, (Object[]) head));
    for (StrategySummary s : result.summaries()) {
      out.append(
          String.format(
              Locale.ROOT,
              format,
              s.strategy(),
              fixed(s.energyJ(), 2),
              fixed(s.edgeEnergyJ(), 2),
              fixed(s.cloudEnergyJ(), 2),
              fixed(s.latencyP50Ms(), 1),
              fixed(s.latencyP95Ms(), 1),
              fixed(s.latencyP99Ms(), 1),
              fixed(s.slaMetPct(), 2),
              fixed(s.savingVsCloudPct(), 1)));
    }
    return out.toString();
  }

  private static String fixed(double v, int decimals) {
    if (Double.isNaN(v)) {
      return "-";
    }
    String text = String.format(Locale.ROOT, "%." + decimals + "f", v);
    // -0.0 and values that round to zero from below print as 0
    return text.matches("-0\\.?0*") ? text.substring(1) : text;
  }

  private static String factor(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }
}
