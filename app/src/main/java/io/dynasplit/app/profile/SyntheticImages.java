package io.dynasplit.app.profile;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * Seeded synthetic test images for {@code request --random}: a light page with dark bars of
 * text-line proportions, so that a text detector finds boxes and a direction classifier has
 * strokes.
 */
public final class SyntheticImages {

  private SyntheticImages() {}

  /** A PNG of {@code width x height} with a few dark text-like bars, reproducible from the seed. */
  public static byte[] textPage(int width, int height, long seed) {
    Random random = new Random(seed);
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setColor(new Color(245, 245, 240));
      g.fillRect(0, 0, width, height);
      g.setColor(new Color(20, 20, 25));
      int lineHeight = Math.max(6, height / 12);
      for (int y = lineHeight; y + lineHeight < height; y += 2 * lineHeight) {
        int x = random.nextInt(Math.max(1, width / 8)) + 4;
        int end = width - 4 - random.nextInt(Math.max(1, width / 4));
        while (x < end) {
          int word = lineHeight + random.nextInt(3 * lineHeight);
          g.fillRect(x, y, Math.min(word, end - x), lineHeight);
          x += word + lineHeight / 2 + random.nextInt(lineHeight);
        }
      }
    } finally {
      g.dispose();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode a png in memory", e);
    }
    return out.toByteArray();
  }
}
