package io.dynasplit.app.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Paint;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;

/**
 * What the reports' JFreeChart charts share: one look (white, light grid, flat bars, one palette),
 * writing a chart as PNG, and several charts composed into one PNG (panels side by side).
 */
public final class ChartImages {

  /** The series colours, in order. */
  public static final List<Color> PALETTE =
      List.of(
          new Color(0x1f77b4),
          new Color(0xff7f0e),
          new Color(0x2ca02c),
          new Color(0xd62728),
          new Color(0x9467bd),
          new Color(0x8c564b),
          new Color(0xe377c2),
          new Color(0x7f7f7f));

  /** The shade of a stretch where a scenario changes conditions. */
  public static final Color SCENARIO_BAND = new Color(255, 200, 120, 90);

  private static final Color GRID = new Color(0xdddddd);

  private ChartImages() {}

  /** The {@code i}th palette colour, wrapping around. */
  public static Color color(int i) {
    return PALETTE.get(Math.floorMod(i, PALETTE.size()));
  }

  /**
   * Gives a chart the reports' look (white, light grid, fonts) and, when not empty, a grey
   * subtitle; returns it. Series colours set on its renderers stay as they are.
   */
  public static JFreeChart styled(JFreeChart chart, String subtitle) {
    chart.setBackgroundPaint(Color.WHITE);
    chart.setAntiAlias(true);
    chart.setTextAntiAlias(true);
    chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
    if (subtitle != null && !subtitle.isEmpty()) {
      TextTitle t = new TextTitle(subtitle, new Font(Font.SANS_SERIF, Font.PLAIN, 12));
      t.setPaint(Color.DARK_GRAY);
      chart.addSubtitle(t);
    }
    style(chart.getPlot());
    return chart;
  }

  private static void style(Plot plot) {
    plot.setBackgroundPaint(Color.WHITE);
    if (plot instanceof CombinedDomainXYPlot combined) {
      combined.getSubplots().forEach(ChartImages::style);
    }
    if (plot instanceof XYPlot p) {
      p.setDomainGridlinePaint(GRID);
      p.setRangeGridlinePaint(GRID);
    }
    if (plot instanceof CategoryPlot p) {
      p.setRangeGridlinePaint(GRID);
      if (p.getRenderer() instanceof BarRenderer r) {
        r.setShadowVisible(false);
        r.setBarPainter(new StandardBarPainter());
        r.setDrawBarOutline(false);
      }
    }
  }

  /** Colours a bar chart's bars one per category (a single series), from the palette. */
  public static BarRenderer barsPerCategory(List<? extends Paint> paints) {
    BarRenderer r =
        new BarRenderer() {
          @Override
          public Paint getItemPaint(int row, int column) {
            return paints.get(column % paints.size());
          }
        };
    r.setShadowVisible(false);
    r.setBarPainter(new StandardBarPainter());
    r.setDrawBarOutline(false);
    return r;
  }

  /** Shades the domain stretch [from, to] of an XY plot, with a label at its top when given. */
  public static void shade(XYPlot plot, double from, double to, String label) {
    IntervalMarker m = new IntervalMarker(from, to, SCENARIO_BAND);
    m.setOutlinePaint(null);
    if (label != null) {
      m.setLabel(label);
      m.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
      m.setLabelAnchor(RectangleAnchor.TOP_LEFT);
      m.setLabelTextAnchor(TextAnchor.TOP_LEFT);
    }
    plot.addDomainMarker(m, Layer.BACKGROUND);
  }

  /** A dashed thin stroke, for reference lines. */
  public static BasicStroke dashed() {
    return new BasicStroke(
        1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f);
  }

  /** Writes one chart as a PNG of the given size; returns the file. */
  public static Path write(JFreeChart chart, Path file, int width, int height) throws IOException {
    return writeGrid(List.of(chart), 1, width, height, file);
  }

  /**
   * Writes charts as one PNG: a grid of {@code columns} panels per row, each {@code cellWidth} by
   * {@code cellHeight} pixels; returns the file.
   */
  public static Path writeGrid(
      List<JFreeChart> charts, int columns, int cellWidth, int cellHeight, Path file)
      throws IOException {
    System.setProperty("java.awt.headless", "true");
    int rows = (charts.size() + columns - 1) / columns;
    BufferedImage image =
        new BufferedImage(columns * cellWidth, rows * cellHeight, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(
          RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, image.getWidth(), image.getHeight());
      for (int i = 0; i < charts.size(); i++) {
        charts
            .get(i)
            .draw(
                g,
                new Rectangle2D.Double(
                    (i % columns) * cellWidth, (i / columns) * cellHeight, cellWidth, cellHeight));
      }
    } finally {
      g.dispose();
    }
    if (!ImageIO.write(image, "png", file.toFile())) {
      throw new IOException("no PNG writer available for " + file);
    }
    return file;
  }
}
