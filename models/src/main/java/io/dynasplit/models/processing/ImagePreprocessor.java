package io.dynasplit.models.processing;

import io.dynasplit.models.catalog.PreProcessing;
import io.dynasplit.schemas.DType;
import io.dynasplit.schemas.Shape;
import io.dynasplit.schemas.Tensor;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Turns a PNG or JPEG image into an NCHW float32 tensor as a {@link PreProcessing.Image} spec says:
 * decode with the JDK's ImageIO, resize (bilinear), scale, normalize per channel, lay out.
 */
public final class ImagePreprocessor {

  /** Largest image side accepted, so a hostile header cannot make us allocate gigabytes. */
  public static final int MAX_SIDE = 8192;

  private final PreProcessing.Image spec;

  /** A preprocessor for this spec. */
  public ImagePreprocessor(PreProcessing.Image spec) {
    this.spec = Objects.requireNonNull(spec, "spec");
  }

  /**
   * Decodes a PNG or JPEG image.
   *
   * @throws InvalidInputException when the bytes are not an image the JDK can decode, or too large
   */
  public static BufferedImage decode(byte[] encoded) {
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(encoded))) {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (in == null || !readers.hasNext()) {
        throw new InvalidInputException(
            "image is not a PNG or JPEG the JDK can decode (" + encoded.length + " bytes)");
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        // the header's size is checked before the pixels are allocated
        int width = reader.getWidth(0);
        int height = reader.getHeight(0);
        if (width <= 0 || height <= 0 || width > MAX_SIDE || height > MAX_SIDE) {
          throw new InvalidInputException(
              "image is too large: "
                  + width
                  + "x"
                  + height
                  + ", at most "
                  + MAX_SIDE
                  + " per side");
        }
        return reader.read(0);
      } finally {
        reader.dispose();
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof InvalidInputException invalid) {
        throw invalid;
      }
      throw new InvalidInputException("image cannot be decoded: " + e.getMessage(), e);
    }
  }

  /** Decodes and prepares an encoded image as input {@code inputName}. */
  public PreparedInput prepare(String inputName, byte[] encoded) {
    return prepare(inputName, decode(encoded));
  }

  /** Prepares a decoded image as input {@code inputName}. */
  public PreparedInput prepare(String inputName, BufferedImage image) {
    int w = image.getWidth();
    int h = image.getHeight();
    int contentW;
    int contentH;
    int inputW;
    int inputH;
    switch (spec.resize()) {
      case STRETCH -> {
        contentW = inputW = spec.width();
        contentH = inputH = spec.height();
      }
      case HEIGHT_PAD -> {
        inputW = spec.width();
        contentH = inputH = spec.height();
        contentW = (int) Math.min(inputW, Math.ceil(inputH * (double) w / h));
      }
      case LIMIT_MULTIPLE -> {
        double ratio =
            Math.max(w, h) > spec.maxSide() ? spec.maxSide() / (double) Math.max(w, h) : 1.0;
        int m = spec.multiple();
        contentW = inputW = Math.max(m, (int) Math.round(w * ratio / m) * m);
        contentH = inputH = Math.max(m, (int) Math.round(h * ratio / m) * m);
      }
      default -> throw new IllegalStateException("unknown resize " + spec.resize());
    }
    BufferedImage resized = resize(image, contentW, contentH);
    int[] argb = resized.getRGB(0, 0, contentW, contentH, null, 0, contentW);
    // written straight into the direct buffer the tensor (and ONNX Runtime) reads; it starts
    // zeroed, which is the padding
    ByteBuffer bytes =
        ByteBuffer.allocateDirect(3 * inputW * inputH * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    FloatBuffer data = bytes.asFloatBuffer();
    boolean bgr = spec.channels().equals("BGR");
    int plane = inputW * inputH;
    float scale = (float) spec.scale();
    for (int c = 0; c < 3; c++) {
      // channel c of the tensor: R, G, B (or B, G, R); shift picks it from 0xAARRGGBB
      int shift = bgr ? 8 * c : 16 - 8 * c;
      float mean = spec.mean().get(c).floatValue();
      float std = spec.std().get(c).floatValue();
      for (int y = 0; y < contentH; y++) {
        int row = c * plane + y * inputW;
        for (int x = 0; x < contentW; x++) {
          int v = (argb[y * contentW + x] >>> shift) & 0xFF;
          data.put(row + x, (v * scale - mean) / std);
        }
      }
    }
    Tensor tensor = Tensor.of(inputName, DType.FLOAT32, Shape.of(1, 3, inputH, inputW), bytes);
    return new PreparedInput(
        Map.of(inputName, tensor),
        Optional.of(new PreparedInput.ImageGeometry(w, h, inputW, inputH, contentW, contentH)));
  }

  /** Draws the image, over white (for transparency), scaled bilinearly to {@code w x h}, as RGB. */
  private static BufferedImage resize(BufferedImage image, int w, int h) {
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, w, h);
      g.setRenderingHint(
          RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
      g.drawImage(image, 0, 0, w, h, null);
    } finally {
      g.dispose();
    }
    return out;
  }
}
