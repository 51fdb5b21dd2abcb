package io.dynasplit.app.report;

import io.dynasplit.optimizer.simulation.RequestOutcome;
import io.dynasplit.optimizer.simulation.SimulationResult;
import io.dynasplit.optimizer.simulation.StrategySummary;
import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYLineAnnotation;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Draws a simulation's charts as PNG with JFreeChart: energy and SLAs met per strategy, the
 * configurations chosen over time, and latency against SLA.
 */
public final class SimulationCharts {

  /** The files {@link #writeAll} writes. */
  public static final List<String> FILES =
      List.of("energy_sla.png", "configurations.png", "latency_vs_sla.png");

  /**
   * The edge accelerator settings the configurations chart colours ({@code off}, {@code std},
   * {@code max}); any other setting is drawn black.
   */
  private static final List<String> ACCELERATORS = List.of("off", "std", "max");

  private static final Color MET = new Color(44, 160, 44, 110);
  private static final Color MISSED = new Color(214, 39, 40, 170);

  private SimulationCharts() {}

  /** Writes every chart into {@code dir}; returns the files written. */
  public static List<Path> writeAll(SimulationResult result, Path dir, String title)
      throws IOException {
    List<Path> written = new ArrayList<>();
    written.add(
        ChartImages.writeGrid(energyAndSla(result, title), 2, 600, 520, dir.resolve(FILES.get(0))));
    written.add(
        ChartImages.write(
            configurations(result, title),
            dir.resolve(FILES.get(1)),
            1200,
            110 + result.summaries().size() * 150));
    List<JFreeChart> latency = latencyVsSla(result, title);
    int columns = Math.min(4, latency.size());
    written.add(ChartImages.writeGrid(latency, columns, 320, 340, dir.resolve(FILES.get(2))));
    return written;
  }

  /** Two bar charts: mean energy per request, and share of SLAs met, per strategy. */
  public static List<JFreeChart> energyAndSla(SimulationResult result, String title) {
    return List.of(
        bars(
            result,
            "Energy per request",
            title,
            "energy per request (J)",
            StrategySummary::energyJ,
            "%.1f"),
        bars(result, "SLAs met", title, "SLAs met (%)", StrategySummary::slaMetPct, "%.1f"));
  }

  private static JFreeChart bars(
      SimulationResult result,
      String name,
      String subtitle,
      String axis,
      ToDoubleFunction<StrategySummary> value,
      String format) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    List<Color> colors = new ArrayList<>();
    for (StrategySummary s : result.summaries()) {
      data.addValue(value.applyAsDouble(s), name, s.strategy());
      colors.add(ChartImages.color(colors.size()));
    }
    CategoryPlot plot =
        new CategoryPlot(
            data, new org.jfree.chart.axis.CategoryAxis("strategy"), new NumberAxis(axis), null);
    BarRenderer r = ChartImages.barsPerCategory(colors);
    r.setDefaultItemLabelGenerator(
        new StandardCategoryItemLabelGenerator(
            "{2}", new java.text.DecimalFormat(format.equals("%.1f") ? "0.0" : "0.00")));
    r.setDefaultItemLabelsVisible(true);
    plot.setRenderer(r);
    if (axis.startsWith("SLAs")) {
      plot.getRangeAxis().setRange(0, 105);
    }
    JFreeChart chart = new JFreeChart(name + " per strategy", plot);
    chart.removeLegend();
    return ChartImages.styled(chart, subtitle);
  }

  /**
   * One strip per strategy: the split layer chosen for each request, coloured by the edge
   * accelerator setting, with the scenario's changed stretches shaded. The split axis runs to one
   * past the largest split so that the all-edge line stays clear of the panel's border.
   */
  public static JFreeChart configurations(SimulationResult result, String title) {
    int maxSplit = result.outcomes().stream().mapToInt(o -> o.config().split()).max().orElse(1);
    NumberAxis requests = new NumberAxis("request index");
    CombinedDomainXYPlot combined = new CombinedDomainXYPlot(requests);
    combined.setGap(14);
    for (StrategySummary s : result.summaries()) {
      List<RequestOutcome> outcomes = result.outcomesOf(s.strategy());
      XYSeriesCollection data = new XYSeriesCollection();
      List<XYSeries> series = new ArrayList<>();
      for (String a : ACCELERATORS) {
        series.add(new XYSeries("edge " + a));
      }
      series.add(new XYSeries("edge other"));
      for (RequestOutcome o : outcomes) {
        int i = ACCELERATORS.indexOf(o.config().edgeAccelerator());
        series.get(i < 0 ? ACCELERATORS.size() : i).add(o.index(), o.config().split());
      }
      series.forEach(data::addSeries);
      NumberAxis split = new NumberAxis(s.strategy() + ": split");
      split.setRange(0, Math.max(maxSplit, 1) + 1);
      XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(false, true);
      Color[] colors = {
        ChartImages.color(0), ChartImages.color(1), ChartImages.color(3), Color.BLACK
      };
      for (int i = 0; i < colors.length; i++) {
        r.setSeriesPaint(i, colors[i]);
        r.setSeriesShape(i, new Rectangle2D.Double(-1.5, -2.5, 3, 5));
      }
      XYPlot plot = new XYPlot(data, null, split, r);
      shadeScenario(plot, outcomes);
      combined.add(plot);
    }
    if (!combined.getSubplots().isEmpty()) { // one legend, not one per strip
      combined.setFixedLegendItems(combined.getSubplots().get(0).getLegendItems());
    }
    JFreeChart chart =
        new JFreeChart("Configurations chosen over time: split layer per request", combined);
    return ChartImages.styled(
        chart, title + " (shaded: the scenario changes bandwidth or cloud load)");
  }

  private static void shadeScenario(XYPlot plot, List<RequestOutcome> outcomes) {
    int n = outcomes.size();
    int start = -1;
    for (int i = 0; i <= n; i++) {
      boolean changed =
          i < n
              && (outcomes.get(i).bandwidthFactor() != 1 || outcomes.get(i).cloudLoadFactor() != 1);
      if (changed && start < 0) {
        start = i;
      } else if (!changed && start >= 0) {
        ChartImages.shade(
            plot, outcomes.get(start).index(), outcomes.get(i - 1).index() + 0.5, null);
        start = -1;
      }
    }
  }

  /** Small multiples, one per strategy: each request's latency against its SLA on log axes. */
  public static List<JFreeChart> latencyVsSla(SimulationResult result, String title) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = 0;
    for (RequestOutcome o : result.outcomes()) {
      lo = Math.min(lo, Math.min(o.slaMs(), o.latencyMs()));
      hi = Math.max(hi, Math.max(o.slaMs(), o.latencyMs()));
    }
    double min = Math.pow(10, Math.floor(Math.log10(Math.max(lo, 1e-3))));
    double max = Math.pow(10, Math.ceil(Math.log10(Math.max(hi, 1e-3))));
    if (max <= min) {
      max = min * 10;
    }
    List<JFreeChart> charts = new ArrayList<>();
    for (StrategySummary s : result.summaries()) {
      XYSeries met = new XYSeries("met");
      XYSeries missed = new XYSeries("missed");
      for (RequestOutcome o : result.outcomesOf(s.strategy())) {
        (o.slaMet() ? met : missed).add(o.slaMs(), Math.max(o.latencyMs(), min));
      }
      XYSeriesCollection data = new XYSeriesCollection();
      data.addSeries(met);
      data.addSeries(missed);
      LogAxis x = new LogAxis("SLA (ms)");
      LogAxis y = new LogAxis("latency (ms)");
      x.setRange(min, max);
      x.setNumberFormatOverride(new java.text.DecimalFormat("0.#"));
      y.setNumberFormatOverride(new java.text.DecimalFormat("0.#"));
      y.setRange(min, max);
      XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(false, true);
      r.setSeriesPaint(0, MET);
      r.setSeriesPaint(1, MISSED);
      r.setSeriesShape(0, new Ellipse2D.Double(-2, -2, 4, 4));
      r.setSeriesShape(1, new Ellipse2D.Double(-2, -2, 4, 4));
      XYPlot plot = new XYPlot(data, x, y, r);
      plot.addAnnotation(
          new XYLineAnnotation(min, min, max, max, ChartImages.dashed(), Color.GRAY));
      JFreeChart chart =
          new JFreeChart(
              String.format(Locale.ROOT, "%s: %.1f%% met", s.strategy(), s.slaMetPct()), plot);
      charts.add(ChartImages.styled(chart, "dashed: latency = SLA"));
    }
    return charts;
  }
}
