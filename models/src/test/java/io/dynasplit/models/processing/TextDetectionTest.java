package io.dynasplit.models.processing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dynasplit.models.catalog.CatalogEntry;
import io.dynasplit.models.catalog.ModelCatalog;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.font.TextLayout;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextDetectionTest {

  @TempDir Path modelsDir;

  /**
   * Verifies that the PP-OCRv3 detector with our pre- and post-processing finds boxes overlapping
   * text drawn with Java2D on a white image, and nothing else.
   */
  @Test
  void detectorFindsDrawnText() throws Exception {
    // given: three lines of text on a white 1000x700 image (larger than 960, so it is scaled)
    BufferedImage image = new BufferedImage(1000, 700, BufferedImage.TYPE_INT_RGB);
    List<Rectangle> drawn = new ArrayList<>();
    Graphics2D g = image.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, 1000, 700);
    g.setColor(Color.BLACK);
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    drawn.add(
        draw(g, "Energy aware split inference", new Font(Font.SANS_SERIF, Font.BOLD, 40), 60, 120));
    drawn.add(draw(g, "DynaSplit 2026", new Font(Font.SERIF, Font.PLAIN, 56), 420, 380));
    drawn.add(draw(g, "edge and cloud", new Font(Font.SANS_SERIF, Font.PLAIN, 32), 120, 600));
    g.dispose();
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    ImageIO.write(image, "png", png);

    ModelCatalog catalog = ModelCatalog.builtIn(modelsDir);
    CatalogEntry entry = catalog.get("ppocr-det");

    // when
    PreparedInput input =
        new Preprocessor().prepare(entry, new ModelInput.Image(png.toByteArray()));
    ModelOutput.TextBoxes out;
    try (OnnxRunner runner = new OnnxRunner(catalog, "ppocr-det")) {
      out = (ModelOutput.TextBoxes) new Postprocessor().process(entry, input, runner.run(input));
    }

    // then
    PreparedInput.ImageGeometry geometry = input.geometry().orElseThrow();
    assertEquals(960, geometry.inputWidth());
    assertEquals(672, geometry.inputHeight());
    assertEquals(1000, out.imageWidth());
    assertFalse(out.boxes().isEmpty());
    for (Rectangle r : drawn) {
      assertTrue(
          out.boxes().stream().anyMatch(b -> b.overlaps(r.x, r.y, r.width, r.height)),
          "no box overlaps the text drawn at " + r + "; boxes: " + out.boxes());
      double best = out.boxes().stream().mapToDouble(b -> iou(b, r)).max().orElse(0);
      assertTrue(
          best >= 0.6, "best box around " + r + " has IoU " + best + "; boxes: " + out.boxes());
    }
    for (ModelOutput.TextBox b : out.boxes()) {
      assertTrue(
          drawn.stream().anyMatch(r -> b.overlaps(r.x, r.y, r.width, r.height)),
          "box " + b + " overlaps no drawn text " + drawn);
      assertTrue(b.score() >= 0.5 && b.score() <= 1, "score " + b.score());
    }
  }

  private static double iou(ModelOutput.TextBox b, Rectangle r) {
    Rectangle box = new Rectangle(b.x(), b.y(), b.width(), b.height());
    Rectangle inter = box.intersection(r);
    if (inter.isEmpty()) {
      return 0;
    }
    double i = (double) inter.width * inter.height;
    return i / ((double) box.width * box.height + (double) r.width * r.height - i);
  }

  private static Rectangle draw(Graphics2D g, String text, Font font, int x, int baseline) {
    g.setFont(font);
    g.drawString(text, x, baseline);
    Rectangle bounds =
        new TextLayout(text, font, g.getFontRenderContext()).getPixelBounds(null, x, baseline);
    return bounds;
  }
}
