package io.dynasplit.models.processing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dynasplit.models.catalog.ModelCatalog;
import io.dynasplit.models.catalog.PreProcessing;
import io.dynasplit.schemas.Tensor;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImagePreprocessorTest {

  @TempDir Path modelsDir;

  private static byte[] solid(Color color, int w, int h, String format) throws Exception {
    BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(color);
    g.fillRect(0, 0, w, h);
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, format, out);
    return out.toByteArray();
  }

  /**
   * Verifies that an RGB model gets red in channel 0 and a BGR model in channel 2, each normalized
   * with its mean and std.
   */
  @Test
  void channelOrderAndNormalizationFollowTheSpec() throws Exception {
    ModelCatalog catalog = ModelCatalog.builtIn(modelsDir);
    byte[] red = solid(Color.RED, 50, 40, "png");

    Tensor rgb =
        new Preprocessor()
            .prepare(catalog.get("tiny-cnn"), new ModelInput.Image(red))
            .tensors()
            .get("input");
    Tensor bgr =
        new Preprocessor()
            .prepare(catalog.get("ppocr-det"), new ModelInput.Image(red))
            .tensors()
            .get("x");

    assertArrayEquals(new long[] {1, 3, 32, 32}, rgb.shape().dims());
    int plane = 32 * 32;
    assertEquals((1 - 0.485f) / 0.229f, rgb.asFloatBuffer().get(5), 1e-4f);
    assertEquals((0 - 0.456f) / 0.224f, rgb.asFloatBuffer().get(plane + 5), 1e-4f);
    assertEquals((0 - 0.406f) / 0.225f, rgb.asFloatBuffer().get(2 * plane + 5), 1e-4f);
    // 50x40 rounds to multiples of 32: 64x32
    assertArrayEquals(new long[] {1, 3, 32, 64}, bgr.shape().dims());
    int bgrPlane = 32 * 64;
    assertEquals((0 - 0.485f) / 0.229f, bgr.asFloatBuffer().get(5), 1e-4f);
    assertEquals((1 - 0.406f) / 0.225f, bgr.asFloatBuffer().get(2 * bgrPlane + 5), 1e-4f);
  }

  /** Verifies that JPEG images decode too and a stretch resize gives the declared size. */
  @Test
  void jpegIsDecodedAndStretched() throws Exception {
    byte[] jpeg = solid(Color.WHITE, 300, 100, "jpeg");
    PreProcessing.Image spec =
        (PreProcessing.Image) ModelCatalog.builtIn(modelsDir).get("resnet50").preProcessing();

    PreparedInput input = new ImagePreprocessor(spec).prepare("input", jpeg);

    assertArrayEquals(new long[] {1, 3, 224, 224}, input.tensors().get("input").shape().dims());
    assertEquals(
        new PreparedInput.ImageGeometry(300, 100, 224, 224, 224, 224),
        input.geometry().orElseThrow());
    float white = (1 - 0.485f) / 0.229f;
    assertEquals(white, input.tensors().get("input").asFloatBuffer().get(1000), 0.05f);
  }

  /**
   * Verifies that an image whose header declares a huge size is refused before its pixels are
   * allocated.
   */
  @Test
  void hugeImageIsRefusedFromItsHeader() throws Exception {
    byte[] png = solid(Color.WHITE, 8, 8, "png");
    // IHDR width is bytes 16..19 (big-endian); the size check reads only the header, so the
    // stale checksum is never reached
    byte[] huge = png.clone();
    huge[16] = 0x00;
    huge[17] = 0x01;
    huge[18] = (byte) 0x86;
    huge[19] = (byte) 0xA0; // 100000

    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> ImagePreprocessor.decode(huge));

    assertTrue(e.getMessage().contains("100000x8"), e.getMessage());
  }
}
