package io.dynasplit.app.report;

import io.dynasplit.optimizer.simulation.RequestOutcome;
import io.dynasplit.optimizer.simulation.SimulationResult;
import io.dynasplit.optimizer.simulation.StrategySummary;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Draws a simulation's charts as PNG with Java2D: energy and SLAs met per strategy, the
 * configurations chosen over time, and latency against SLA.
 */
public final class SimulationCharts {

  /** The files {@link #writeAll} writes. */
  public static final List<String> FILES =
      List.of("energy_sla.png", "configurations.png", "latency_vs_sla.png");

  private static final Color[] PALETTE = {
    new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728),
    new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f)
  };
  private static final Color GRID = new Color(0xdddddd);
  private static final Color SCENARIO_BAND = new Color(255, 200, 120, 90);
  private static final Color MET = new Color(44, 160, 44, 70);
  private static final Color MISSED = new Color(214, 39, 40, 160);
  private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 18);
  private static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
  private static final Font SMALL = new Font(Font.SANS_SERIF, Font.PLAIN, 11);

  private SimulationCharts() {}

  /** Writes every chart into {@code dir}; returns the files written. */
  public static List<Path> writeAll(SimulationResult result, Path dir, String title)
      throws IOException {
    System.setProperty("java.awt.headless", "true");
    List<Path> written = new ArrayList<>();
    written.add(write(energyAndSla(result, title), dir.resolve(FILES.get(0))));
    written.add(write(configurations(result, title), dir.resolve(FILES.get(1))));
    written.add(write(latencyVsSla(result, title), dir.resolve(FILES.get(2))));
    return written;
  }

  private static Path write(BufferedImage image, Path file) throws IOException {
    if (!ImageIO.write(image, "png", file.toFile())) {
      throw new IOException("no PNG writer available for " + file);
    }
    return file;
  }

  private static Graphics2D canvas(BufferedImage image) {
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, image.getWidth(), image.getHeight());
    g.setColor(Color.BLACK);
    return g;
  }

  /** Two bar panels side by side: mean energy per request, and share of SLAs met. */
  public static BufferedImage energyAndSla(SimulationResult result, String title) {
    List<StrategySummary> rows = result.summaries();
    BufferedImage image = new BufferedImage(1200, 520, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = canvas(image);
    header(g, "Energy and SLAs met per strategy", title);
    double maxEnergy = rows.stream().mapToDouble(StrategySummary::energyJ).max().orElse(1);
    bars(
        g,
        rows,
        new Rectangle2D.Double(80, 80, 470, 360),
        "energy per request (J)",
        niceCeiling(maxEnergy),
        StrategySummary::energyJ,
        "%.1f");
    bars(
        g,
        rows,
        new Rectangle2D.Double(690, 80, 470, 360),
        "SLAs met (%)",
        100,
        StrategySummary::slaMetPct,
        "%.1f");
    g.dispose();
    return image;
  }

  private static void bars(
      Graphics2D g,
      List<StrategySummary> rows,
      Rectangle2D area,
      String axisLabel,
      double max,
      java.util.function.ToDoubleFunction<StrategySummary> value,
      String format) {
    yAxisLinear(g, area, 0, max, axisLabel);
    int n = rows.size();
    double slot = area.getWidth() / n;
    double width = slot * 0.65;
    for (int i = 0; i < n; i++) {
      StrategySummary s = rows.get(i);
      double v = value.applyAsDouble(s);
      double h = area.getHeight() * Math.min(v, max) / max;
      double x = area.getX() + i * slot + (slot - width) / 2;
      g.setColor(PALETTE[i % PALETTE.length]);
      g.fill(new Rectangle2D.Double(x, area.getMaxY() - h, width, h));
      g.setColor(Color.BLACK);
      g.setFont(SMALL);
      centered(g, String.format(Locale.ROOT, format, v), x + width / 2, area.getMaxY() - h - 5);
      g.setFont(LABEL);
      centered(g, s.strategy(), x + width / 2, area.getMaxY() + 20);
    }
  }

  /**
   * Colours of the edge accelerator settings in the configurations chart ({@code off}, {@code std},
   * {@code max}); any other setting is drawn black.
   */
  private static final List<String> ACCELERATORS = List.of("off", "std", "max");

  private static final Color[] ACCELERATOR_COLORS = {
    new Color(0x1f77b4), new Color(0xff7f0e), new Color(0xd62728)
  };

  private static Color acceleratorColor(String accelerator) {
    int i = ACCELERATORS.indexOf(accelerator);
    return i < 0 ? Color.BLACK : ACCELERATOR_COLORS[i];
  }

  /**
   * One strip per strategy: the split layer chosen for each request, coloured by the edge
   * accelerator setting, with the scenario's changed stretches shaded. The split axis runs to one
   * past the largest split so that the all-edge line stays clear of the panel's border.
   */
  public static BufferedImage configurations(SimulationResult result, String title) {
    List<StrategySummary> rows = result.summaries();
    int panelHeight = 110;
    int top = 70;
    BufferedImage image =
        new BufferedImage(
            1200, top + rows.size() * (panelHeight + 30) + 50, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = canvas(image);
    header(g, "Configurations chosen over time: split layer per request", title);
    int maxSplit = result.outcomes().stream().mapToInt(o -> o.config().split()).max().orElse(1);
    int yMax = Math.max(maxSplit, 1) + 1;
    for (int r = 0; r < rows.size(); r++) {
      String name = rows.get(r).strategy();
      List<RequestOutcome> outcomes = result.outcomesOf(name);
      int n = outcomes.size();
      Rectangle2D area =
          new Rectangle2D.Double(90, top + r * (panelHeight + 30) + 10, 1060, panelHeight);
      shadeScenario(g, outcomes, area);
      yAxisLinear(g, area, 0, yMax, "split");
      g.setColor(Color.BLACK);
      g.setFont(LABEL);
      g.drawString(name, (float) area.getX(), (float) area.getY() - 5);
      for (RequestOutcome o : outcomes) {
        g.setColor(acceleratorColor(o.config().edgeAccelerator()));
        double x = area.getX() + area.getWidth() * (n == 1 ? 0.5 : (double) o.index() / (n - 1));
        double y = area.getMaxY() - area.getHeight() * o.config().split() / yMax;
        g.fill(new Rectangle2D.Double(x - 1, y - 1.5, 2, 3));
      }
      if (r == rows.size() - 1) {
        xAxisLinear(g, area, 0, n - 1, "request index");
      }
    }
    g.setFont(SMALL);
    for (int i = 0; i < ACCELERATORS.size(); i++) {
      g.setColor(ACCELERATOR_COLORS[i]);
      g.fillRect(900 + i * 90, 38, 12, 12);
      g.setColor(Color.BLACK);
      g.drawString("edge " + ACCELERATORS.get(i), 916 + i * 90, 49);
    }
    g.setColor(SCENARIO_BAND);
    g.fillRect(900, 16, 16, 12);
    g.setColor(Color.BLACK);
    g.drawString("scenario changes bandwidth or cloud load", 920, 27);
    g.dispose();
    return image;
  }

  private static void shadeScenario(Graphics2D g, List<RequestOutcome> outcomes, Rectangle2D area) {
    int n = outcomes.size();
    g.setColor(SCENARIO_BAND);
    int start = -1;
    for (int i = 0; i <= n; i++) {
      boolean changed =
          i < n
              && (outcomes.get(i).bandwidthFactor() != 1 || outcomes.get(i).cloudLoadFactor() != 1);
      if (changed && start < 0) {
        start = i;
      } else if (!changed && start >= 0) {
        double x0 = area.getX() + area.getWidth() * start / Math.max(1, n - 1);
        double x1 = area.getX() + area.getWidth() * (i - 1) / Math.max(1, n - 1);
        g.fill(new Rectangle2D.Double(x0, area.getY(), Math.max(1, x1 - x0), area.getHeight()));
        start = -1;
      }
    }
  }

  /** Small multiples, one per strategy: each request's latency against its SLA on log axes. */
  public static BufferedImage latencyVsSla(SimulationResult result, String title) {
    List<StrategySummary> rows = result.summaries();
    int columns = Math.min(4, rows.size());
    int gridRows = (rows.size() + columns - 1) / columns;
    int cell = 290;
    BufferedImage image =
        new BufferedImage(
            Math.max(760, 60 + columns * cell),
            90 + gridRows * (cell + 20),
            BufferedImage.TYPE_INT_RGB);
    Graphics2D g = canvas(image);
    header(g, "Latency against SLA per request", title);
    g.setFont(SMALL);
    g.setColor(MET.darker());
    g.fill(new Ellipse2D.Double(image.getWidth() - 330, 20, 8, 8));
    g.setColor(Color.BLACK);
    g.drawString("met", image.getWidth() - 318, 28);
    g.setColor(MISSED);
    g.fill(new Ellipse2D.Double(image.getWidth() - 280, 20, 8, 8));
    g.setColor(Color.BLACK);
    g.drawString("missed", image.getWidth() - 268, 28);
    g.drawString("diagonal: latency = SLA", image.getWidth() - 210, 28);
    double lo = Double.POSITIVE_INFINITY;
    double hi = 0;
    for (RequestOutcome o : result.outcomes()) {
      lo = Math.min(lo, Math.min(o.slaMs(), o.latencyMs()));
      hi = Math.max(hi, Math.max(o.slaMs(), o.latencyMs()));
    }
    double logLo = Math.floor(Math.log10(Math.max(lo, 1e-3)));
    double logHi = Math.ceil(Math.log10(Math.max(hi, 1e-3)));
    if (logHi <= logLo) {
      logHi = logLo + 1;
    }
    for (int r = 0; r < rows.size(); r++) {
      StrategySummary s = rows.get(r);
      Rectangle2D area =
          new Rectangle2D.Double(
              70 + (r % columns) * cell, 90 + (r / columns) * (cell + 20), cell - 70, cell - 70);
      logAxes(g, area, logLo, logHi);
      g.setColor(Color.GRAY);
      g.setStroke(
          new BasicStroke(
              1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {4f, 4f}, 0f));
      g.draw(new Line2D.Double(area.getX(), area.getMaxY(), area.getMaxX(), area.getY()));
      g.setStroke(new BasicStroke(1f));
      for (RequestOutcome o : result.outcomesOf(s.strategy())) {
        double x =
            area.getX() + area.getWidth() * (Math.log10(o.slaMs()) - logLo) / (logHi - logLo);
        double y =
            area.getMaxY()
                - area.getHeight()
                    * (Math.log10(Math.max(o.latencyMs(), lo)) - logLo)
                    / (logHi - logLo);
        g.setColor(o.slaMet() ? MET : MISSED);
        g.fill(new Ellipse2D.Double(x - 2, y - 2, 4, 4));
      }
      g.setColor(Color.BLACK);
      g.setFont(LABEL);
      g.drawString(
          String.format(Locale.ROOT, "%s: %.1f%% met", s.strategy(), s.slaMetPct()),
          (float) area.getX(),
          (float) area.getY() - 6);
    }
    g.dispose();
    return image;
  }

  /** The chart's title and, below it in grey, what was simulated. */
  private static void header(Graphics2D g, String title, String subtitle) {
    g.setColor(Color.BLACK);
    g.setFont(TITLE);
    g.drawString(title, 30, 28);
    g.setFont(LABEL);
    g.setColor(Color.DARK_GRAY);
    g.drawString(subtitle, 30, 50);
    g.setColor(Color.BLACK);
  }

  private static void logAxes(Graphics2D g, Rectangle2D area, double logLo, double logHi) {
    g.setFont(SMALL);
    for (double d = logLo; d <= logHi + 1e-9; d++) {
      double x = area.getX() + area.getWidth() * (d - logLo) / (logHi - logLo);
      double y = area.getMaxY() - area.getHeight() * (d - logLo) / (logHi - logLo);
      g.setColor(GRID);
      g.draw(new Line2D.Double(x, area.getY(), x, area.getMaxY()));
      g.draw(new Line2D.Double(area.getX(), y, area.getMaxX(), y));
      g.setColor(Color.BLACK);
      String label = tickLabel(Math.pow(10, d));
      centered(g, label, x, area.getMaxY() + 14);
      FontMetrics fm = g.getFontMetrics();
      g.drawString(label, (float) (area.getX() - fm.stringWidth(label) - 4), (float) y + 4);
    }
    g.setColor(Color.BLACK);
    g.draw(area);
    centered(g, "SLA (ms)", area.getCenterX(), area.getMaxY() + 30);
    Graphics2D rotated = (Graphics2D) g.create();
    rotated.rotate(-Math.PI / 2);
    rotated.drawString("latency (ms)", (float) -(area.getCenterY() + 30), (float) area.getX() - 42);
    rotated.dispose();
  }

  private static void yAxisLinear(
      Graphics2D g, Rectangle2D area, double min, double max, String label) {
    g.setFont(SMALL);
    double step = niceStep((max - min) / 5);
    for (double v = min; v <= max + step * 1e-6; v += step) {
      double y = area.getMaxY() - area.getHeight() * (v - min) / (max - min);
      g.setColor(GRID);
      g.draw(new Line2D.Double(area.getX(), y, area.getMaxX(), y));
      g.setColor(Color.BLACK);
      String text = tickLabel(v);
      g.drawString(
          text, (float) (area.getX() - g.getFontMetrics().stringWidth(text) - 5), (float) y + 4);
    }
    g.setColor(Color.BLACK);
    g.draw(new Line2D.Double(area.getX(), area.getY(), area.getX(), area.getMaxY()));
    g.draw(new Line2D.Double(area.getX(), area.getMaxY(), area.getMaxX(), area.getMaxY()));
    Graphics2D rotated = (Graphics2D) g.create();
    rotated.setFont(LABEL);
    rotated.rotate(-Math.PI / 2);
    int w = rotated.getFontMetrics().stringWidth(label);
    rotated.drawString(label, (float) -(area.getCenterY() + w / 2.0), (float) area.getX() - 45);
    rotated.dispose();
  }

  private static void xAxisLinear(
      Graphics2D g, Rectangle2D area, double min, double max, String label) {
    g.setFont(SMALL);
    double span = Math.max(1, max - min);
    double step = niceStep(span / 8);
    for (double v = min; v <= max + step * 1e-6; v += step) {
      double x = area.getX() + area.getWidth() * (v - min) / span;
      g.setColor(Color.BLACK);
      g.draw(new Line2D.Double(x, area.getMaxY(), x, area.getMaxY() + 4));
      centered(g, tickLabel(v), x, area.getMaxY() + 17);
    }
    g.setFont(LABEL);
    centered(g, label, area.getCenterX(), area.getMaxY() + 34);
  }

  private static void centered(Graphics2D g, String text, double x, double y) {
    g.drawString(text, (float) (x - g.getFontMetrics().stringWidth(text) / 2.0), (float) y);
  }

  private static String tickLabel(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e9) {
      return Long.toString((long) v);
    }
    return String.format(Locale.ROOT, "%.2g", v);
  }

  /** A round step (1, 2 or 5 times a power of ten) near {@code raw}. */
  public static double niceStep(double raw) {
    if (!(raw > 0)) {
      return 1;
    }
    double p = Math.pow(10, Math.floor(Math.log10(raw)));
    double m = raw / p;
    return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
  }

  /** The smallest multiple of a nice step at or above {@code v}. */
  public static double niceCeiling(double v) {
    double step = niceStep(v / 5);
    return Math.max(step, Math.ceil(v * 1.08 / step) * step);
  }
}
