package io.dynasplit.app.demo;

import io.dynasplit.app.report.ChartImages;
import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StackedBarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The demo report's charts, drawn with JFreeChart as PNG. */
public final class DemoCharts {

  /** The files {@link #writeAll} writes, in the order the report shows them. */
  public static final List<String> FILES =
      List.of("energy_sla.png", "configurations.png", "stages.png", "latency.png");

  private static final Color MET = new Color(44, 160, 44, 140);
  private static final Color MISSED = new Color(214, 39, 40, 190);

  private DemoCharts() {}

  /** Writes every chart into {@code dir}; returns the files written. */
  public static List<Path> writeAll(DemoResult result, Path dir) throws IOException {
    int policies = result.policies().size();
    return List.of(
        ChartImages.writeGrid(energyAndSla(result), 2, 600, 480, dir.resolve(FILES.get(0))),
        ChartImages.write(
            overTime(result, false), dir.resolve(FILES.get(1)), 1200, 120 + policies * 170),
        ChartImages.write(stages(result), dir.resolve(FILES.get(2)), 1000, 160 + policies * 70),
        ChartImages.write(
            overTime(result, true), dir.resolve(FILES.get(3)), 1200, 120 + policies * 170));
  }

  /**
   * Two charts: energy per request (edge and cloud stacked) per policy with cloud-only's total as a
   * dashed line, and the share of SLAs met per policy.
   */
  static List<JFreeChart> energyAndSla(DemoResult result) {
    DefaultCategoryDataset energy = new DefaultCategoryDataset();
    DefaultCategoryDataset sla = new DefaultCategoryDataset();
    for (PolicySummary s : result.summaries()) {
      energy.addValue(s.edgeJ(), "edge", s.policy());
      energy.addValue(s.cloudJ(), "cloud", s.policy());
      sla.addValue(s.slaMetPct(), "SLAs met", s.policy());
    }
    StackedBarRenderer stacked = new StackedBarRenderer();
    stacked.setBarPainter(new StandardBarPainter());
    stacked.setShadowVisible(false);
    stacked.setSeriesPaint(0, ChartImages.color(0));
    stacked.setSeriesPaint(1, ChartImages.color(1));
    CategoryPlot energyPlot =
        new CategoryPlot(
            energy, new CategoryAxis("policy"), new NumberAxis("energy per request (J)"), stacked);
    PolicySummary cloud = result.cloudOnly();
    if (cloud != null) {
      energyPlot.addRangeMarker(cloudOnlyLine(cloud.totalJ()));
    }
    JFreeChart energyChart = new JFreeChart("Energy per request", energyPlot);
    List<Color> colors = new ArrayList<>();
    for (int i = 0; i < result.policies().size(); i++) {
      colors.add(ChartImages.color(i + 2));
    }
    BarRenderer bars = ChartImages.barsPerCategory(colors);
    bars.setDefaultItemLabelGenerator(
        new StandardCategoryItemLabelGenerator("{2}", new java.text.DecimalFormat("0.0")));
    bars.setDefaultItemLabelsVisible(true);
    NumberAxis pct = new NumberAxis("SLAs met (%)");
    pct.setRange(0, 105);
    CategoryPlot slaPlot = new CategoryPlot(sla, new CategoryAxis("policy"), pct, bars);
    if (cloud != null) {
      slaPlot.addRangeMarker(cloudOnlyLine(cloud.slaMetPct()));
    }
    JFreeChart slaChart = new JFreeChart("SLAs met", slaPlot);
    slaChart.removeLegend();
    String sub = "dashed: cloud-only";
    return List.of(ChartImages.styled(energyChart, sub), ChartImages.styled(slaChart, sub));
  }

  /**
   * One strip per policy over the request index, the scenario's phases shaded and named: the split
   * each request ran at (one series per model), or with {@code latency} each request's latency,
   * green where it met its SLA and red where it did not, on a log axis.
   */
  static JFreeChart overTime(DemoResult result, boolean latency) {
    int n = result.workload().size();
    CombinedDomainXYPlot combined = new CombinedDomainXYPlot(new NumberAxis("request index"));
    combined.setGap(16);
    int maxSplit = 1;
    for (List<DemoOutcome> list : result.outcomes().values()) {
      for (DemoOutcome o : list) {
        maxSplit = Math.max(maxSplit, o.split());
      }
    }
    for (String policy : result.policies()) {
      XYSeriesCollection data = new XYSeriesCollection();
      XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(false, true);
      Map<String, XYSeries> series = new LinkedHashMap<>();
      if (latency) {
        series.put("met", new XYSeries("met"));
        series.put("missed", new XYSeries("missed"));
      } else {
        result.fronts().keySet().forEach(m -> series.put(m, new XYSeries(m)));
      }
      for (DemoOutcome o : result.outcomes().get(policy)) {
        if (latency) {
          series
              .computeIfAbsent(o.slaMet() ? "met" : "missed", XYSeries::new)
              .add(o.index(), Math.max(o.ok() ? o.latencyMs() : o.slaMs(), 0.1));
        } else if (o.ok()) {
          series.computeIfAbsent(o.model(), XYSeries::new).add(o.index(), o.split());
        }
      }
      int i = 0;
      for (XYSeries s : series.values()) {
        data.addSeries(s);
        Color c = latency ? (s.getKey().equals("met") ? MET : MISSED) : ChartImages.color(i);
        r.setSeriesPaint(i, c);
        r.setSeriesShape(i, new Ellipse2D.Double(-2.5, -2.5, 5, 5));
        i++;
      }
      XYPlot plot;
      if (latency) {
        LogAxis y = new LogAxis(policy + ": ms");
        y.setSmallestValue(0.1);
        y.setNumberFormatOverride(new java.text.DecimalFormat("0.#"));
        plot = new XYPlot(data, null, y, r);
      } else {
        NumberAxis y = new NumberAxis(policy + ": split");
        y.setRange(-maxSplit * 0.05, maxSplit * 1.08);
        plot = new XYPlot(data, null, y, r);
      }
      shadePhases(plot, result.scenario(), n, policy.equals(result.policies().get(0)));
      combined.add(plot);
    }
    String title =
        latency
            ? "Latency per request (green: SLA met, red: missed or failed at its SLA)"
            : "Configurations chosen over time: the split each request ran at";
    if (!combined.getSubplots().isEmpty()) { // one legend, not one per strip
      combined.setFixedLegendItems(combined.getSubplots().get(0).getLegendItems());
    }
    JFreeChart chart = new JFreeChart(title, combined);
    if (latency || result.fronts().size() == 1) {
      chart.removeLegend();
    }
    return ChartImages.styled(
        chart, "shaded: the scenario's emulated phases (same requests for every policy)");
  }

  private static void shadePhases(XYPlot plot, DemoScenario scenario, int n, boolean label) {
    for (int i = 0; i < scenario.phases().size(); i++) {
      DemoScenario.Phase p = scenario.phases().get(i);
      if (p.setting().isNone()) {
        continue;
      }
      int from = scenario.start(i, n);
      int to = i + 1 < scenario.phases().size() ? scenario.start(i + 1, n) : n;
      ChartImages.shade(plot, from - 0.5, to - 0.5, label ? p.name() : null);
    }
  }

  /** Mean time per request in each stage (queue, head, transfer, tail), stacked, per policy. */
  static JFreeChart stages(DemoResult result) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    for (PolicySummary s : result.summaries()) {
      data.addValue(s.queueMs(), "queue (edge)", s.policy());
      data.addValue(s.headMs(), "head (edge)", s.policy());
      data.addValue(s.transferMs(), "transfer", s.policy());
      data.addValue(s.tailMs(), "tail (cloud queue + tail)", s.policy());
    }
    StackedBarRenderer r = new StackedBarRenderer();
    r.setBarPainter(new StandardBarPainter());
    r.setShadowVisible(false);
    for (int i = 0; i < 4; i++) {
      r.setSeriesPaint(i, ChartImages.color(i == 0 ? 7 : i - 1));
    }
    CategoryPlot plot =
        new CategoryPlot(
            data, new CategoryAxis("policy"), new NumberAxis("mean ms per ok request"), r);
    plot.setOrientation(PlotOrientation.HORIZONTAL);
    return ChartImages.styled(new JFreeChart("Where the time went, per stage", plot), "");
  }

  /** The dashed, labelled line of the cloud-only baseline at {@code value}. */
  private static ValueMarker cloudOnlyLine(double value) {
    ValueMarker line = new ValueMarker(value, Color.DARK_GRAY, ChartImages.dashed());
    line.setLabel("cloud-only");
    line.setLabelAnchor(org.jfree.chart.ui.RectangleAnchor.TOP_RIGHT);
    line.setLabelTextAnchor(org.jfree.chart.ui.TextAnchor.BOTTOM_RIGHT);
    return line;
  }
}
