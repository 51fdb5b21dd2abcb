package io.dynasplit.models.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dynasplit.models.catalog.ModelCatalog;
import io.dynasplit.models.processing.ModelInput;
import io.dynasplit.schemas.Codec;
import io.dynasplit.schemas.Compression;
import io.dynasplit.schemas.DType;
import io.dynasplit.schemas.Frame;
import io.dynasplit.schemas.FrameCodec;
import io.dynasplit.schemas.Tensor;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every codec on the real models' activations: PP-OCR's direction classifier and text detector, run
 * on a drawn text page up to their middle candidate split.
 */
class RealActivationCodecTest {

  @TempDir static Path modelsDir;

  /** A light page with dark text-line bars, as the profiler's synthetic inputs. */
  static byte[] textPage(int width, int height, long seed) throws IOException {
    Random random = new Random(seed);
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(new Color(245, 245, 240));
    g.fillRect(0, 0, width, height);
    g.setColor(new Color(20, 20, 25));
    int line = Math.max(6, height / 12);
    for (int y = line; y + line < height; y += 2 * line) {
      for (int x = 4 + random.nextInt(width / 8); x < width - 8; ) {
        int word = line + random.nextInt(3 * line);
        g.fillRect(x, y, Math.min(word, width - 8 - x), line);
        x += word + line / 2 + random.nextInt(line);
      }
    }
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "png", out);
    return out.toByteArray();
  }

  private static byte[] bytes(Tensor t) {
    byte[] a = new byte[t.byteLength()];
    t.data().get(a);
    return a;
  }

  /**
   * Verifies, for each codec, that the head's activation decodes to what the codec's numeric part
   * alone gives (fp32 exactly the activation), that compression never makes a frame larger than
   * without, and that it shrinks int8 (quantized activations repeat values).
   */
  @ParameterizedTest
  @ValueSource(strings = {"ppocr-cls", "ppocr-det"})
  void everyCodecRoundTripsARealActivation(String model) throws IOException {
    SplitParts parts = new SplitParts(ModelCatalog.builtIn(modelsDir), 1);
    List<Integer> candidates = parts.candidates(model);
    int split = candidates.get(candidates.size() / 2);
    List<Tensor> act =
        HeadActivations.at(parts, model, split, new ModelInput.Image(textPage(320, 240, 7)));
    assertEquals(DType.FLOAT32, act.get(0).dtype());

    for (Codec codec : Codec.values()) {
      ByteBuffer plain = FrameCodec.encode(null, act, codec.uncompressed());
      ByteBuffer frame = FrameCodec.encode(null, act, codec);
      Frame expected = FrameCodec.decode(plain);
      Frame back = FrameCodec.decode(frame);
      for (int i = 0; i < act.size(); i++) {
        Tensor t = back.tensors().get(i);
        assertEquals(codec.dtype(), t.dtype(), codec.wireName());
        assertArrayEquals(bytes(expected.tensors().get(i)), bytes(t), codec.wireName());
        if (!codec.lossy()) {
          assertArrayEquals(act.get(i).toFloatArray(), t.toFloatArray(), codec.wireName());
        }
      }
      assertTrue(frame.remaining() <= plain.remaining(), codec.wireName());
      if (codec.dtype() == DType.INT8 && codec.compression() != Compression.NONE) {
        assertTrue(
            frame.remaining() < plain.remaining(),
            model + " split " + split + " " + codec + ": " + frame.remaining() + " bytes");
      }
    }
  }
}
