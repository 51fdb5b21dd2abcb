package io.dynasplit.app.channel;

import io.dynasplit.app.report.ChartImages;
import io.dynasplit.schemas.Json;
import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Writes what a throttled-channel run found: {@code channel-phases.csv} (one row per phase, live
 * against the simulator), {@code channel-requests.csv} (every live request), {@code
 * channel-front.json} (the front profiled through the channel) and {@code channel.png} (bytes and
 * latency per request over the run, the cut shaded).
 */
public final class ChannelReport {

  /** The columns of {@code channel-phases.csv} and of the printed table. */
  public static final List<String> COLUMNS =
      List.of(
          "phase",
          "bandwidth",
          "requests",
          "sla_met_live_pct",
          "sla_met_oracle_pct",
          "sla_met_sim_adaptive_pct",
          "bytes_per_req_channel",
          "bytes_per_req_oracle",
          "configurations_live");

  private static final Color MET = new Color(44, 160, 44, 140);
  private static final Color MISSED = new Color(214, 39, 40, 190);

  private ChannelReport() {}

  /** Writes the files into {@code dir} (created if missing); returns them. */
  public static List<Path> write(ChannelResult result, Path dir) throws IOException {
    Files.createDirectories(dir);
    List<String> phases = new ArrayList<>();
    phases.add(String.join(",", COLUMNS));
    for (List<String> row : rows(result)) {
      phases.add(String.join(",", row.stream().map(ChannelReport::csv).toList()));
    }
    List<String> requests = new ArrayList<>();
    requests.add("index,phase,status,split,codec,bytes,total_ms,sla_met,fallback");
    for (ChannelOutcome o : result.outcomes()) {
      requests.add(
          String.format(
              Locale.ROOT,
              "%d,%d,%s,%d,%s,%d,%.3f,%b,%b",
              o.index(),
              o.phase(),
              o.status(),
              o.split(),
              o.codec(),
              o.bytes(),
              o.totalMs(),
              o.slaMet(),
              o.fallback()));
    }
    Path phasesCsv = Files.write(dir.resolve("channel-phases.csv"), phases);
    Path requestsCsv = Files.write(dir.resolve("channel-requests.csv"), requests);
    Path front = dir.resolve("channel-front.json");
    Files.writeString(front, Json.toPrettyString(result.front()));
    Path chart = ChartImages.write(chart(result), dir.resolve("channel.png"), 1200, 560);
    return List.of(phasesCsv, requestsCsv, front, chart);
  }

  /** One row per phase, in {@link #COLUMNS}' order. */
  public static List<List<String>> rows(ChannelResult result) {
    List<List<String>> rows = new ArrayList<>();
    for (ChannelPhase p : result.phases()) {
      rows.add(
          List.of(
              p.name(),
              String.format(Locale.ROOT, "x%.2g", p.bandwidthFactor()),
              Integer.toString(p.requests()),
              String.format(Locale.ROOT, "%.1f", p.liveSlaMetPct()),
              String.format(Locale.ROOT, "%.1f", p.oracleSlaMetPct()),
              String.format(Locale.ROOT, "%.1f", p.simulatedAdaptiveSlaMetPct()),
              String.format(Locale.ROOT, "%.0f", p.channelBytesPerRequest()),
              String.format(Locale.ROOT, "%.0f", p.oracleMeanBytes()),
              p.liveConfigurations()));
    }
    return rows;
  }

  private static String csv(String s) {
    return s.contains(",") ? "\"" + s + "\"" : s;
  }

  private static JFreeChart chart(ChannelResult result) {
    XYSeries bytes = new XYSeries("bytes sent");
    XYSeries met = new XYSeries("met");
    XYSeries missed = new XYSeries("missed");
    for (ChannelOutcome o : result.outcomes()) {
      if (o.status().equals("ok")) {
        bytes.add(o.index(), o.bytes() / 1024.0);
        (o.slaMet() ? met : missed).add(o.index(), Math.max(o.totalMs(), 0.1));
      } else {
        missed.add(o.index(), 0.1);
      }
    }
    CombinedDomainXYPlot combined = new CombinedDomainXYPlot(new NumberAxis("request index"));
    combined.setGap(16);
    XYLineAndShapeRenderer bytesDots = new XYLineAndShapeRenderer(false, true);
    bytesDots.setSeriesPaint(0, ChartImages.color(0));
    bytesDots.setSeriesShape(0, new Ellipse2D.Double(-2.5, -2.5, 5, 5));
    XYPlot top =
        new XYPlot(
            new XYSeriesCollection(bytes),
            null,
            new NumberAxis("intermediate KiB per request"),
            bytesDots);
    XYLineAndShapeRenderer latencyDots = new XYLineAndShapeRenderer(false, true);
    latencyDots.setSeriesPaint(0, MET);
    latencyDots.setSeriesPaint(1, MISSED);
    latencyDots.setSeriesShape(0, new Ellipse2D.Double(-2.5, -2.5, 5, 5));
    latencyDots.setSeriesShape(1, new Ellipse2D.Double(-2.5, -2.5, 5, 5));
    XYSeriesCollection latency = new XYSeriesCollection();
    latency.addSeries(met);
    latency.addSeries(missed);
    LogAxis ms = new LogAxis("latency ms (errors at 0.1)");
    ms.setSmallestValue(0.1);
    ms.setNumberFormatOverride(new java.text.DecimalFormat("0.#"));
    XYPlot bottom = new XYPlot(latency, null, ms, latencyDots);
    int perPhase = result.settings().requestsPerPhase();
    for (int i = 0; i < result.phases().size(); i++) {
      if (result.phases().get(i).bandwidthFactor() < 1) {
        ChartImages.shade(
            top, i * perPhase - 0.5, (i + 1) * perPhase - 0.5, result.phases().get(i).name());
        ChartImages.shade(bottom, i * perPhase - 0.5, (i + 1) * perPhase - 0.5, null);
      }
    }
    combined.add(top);
    combined.add(bottom);
    JFreeChart chart =
        new JFreeChart(
            String.format(
                Locale.ROOT,
                "%s through a throttled channel (%s), edge emulated %sx slower",
                result.settings().model(),
                result.settings().normal(),
                trim(result.settings().edgeSlowdown())),
            combined);
    return ChartImages.styled(
        chart,
        "shaded: the channel's bandwidth cut; green: SLA met, red: missed or failed; SLAs "
            + result.slas());
  }

  private static String trim(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }
}
