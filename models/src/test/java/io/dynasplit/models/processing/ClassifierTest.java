package io.dynasplit.models.processing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dynasplit.models.catalog.CatalogEntry;
import io.dynasplit.models.catalog.ModelCatalog;
import io.dynasplit.models.catalog.PostProcessing;
import io.dynasplit.schemas.DType;
import io.dynasplit.schemas.Quantization;
import io.dynasplit.schemas.Shape;
import io.dynasplit.schemas.Tensor;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassifierTest {

  @TempDir Path modelsDir;

  /**
   * Verifies that top-k applies the softmax, orders classes best first, and names them by label or
   * index.
   */
  @Test
  void topKOrdersSoftmaxProbabilities() {
    Tensor logits = Tensor.ofFloats("logits", Shape.of(1, 4), new float[] {0.5f, 3f, -1f, 2f});

    ModelOutput.Classification named =
        Postprocessor.topK(
            new PostProcessing.TopK(List.of("a", "b", "c", "d"), 2, true), logits, false);
    ModelOutput.Classification unnamed =
        Postprocessor.topK(new PostProcessing.TopK(List.of(), 4, true), logits, true);

    assertEquals(
        List.of("b", "d"), named.top().stream().map(ModelOutput.ClassScore::label).toList());
    double z = Math.exp(0.5) + Math.exp(3) + Math.exp(-1) + Math.exp(2);
    assertEquals(Math.exp(3) / z, named.top().get(0).probability(), 1e-9);
    assertEquals(
        List.of(1, 3, 0, 2), unnamed.top().stream().map(ModelOutput.ClassScore::index).toList());
    assertEquals("class 1", unnamed.top().get(0).label());
    assertTrue(unnamed.synthetic());
  }

  /**
   * Verifies that an int8 answer (an answer in the request's codec) is dequantized before top-k,
   * and that a uint8 output is refused naming the tensor.
   */
  @Test
  void int8OutputIsWidenedAndUint8Refused() {
    CatalogEntry entry = ModelCatalog.builtIn(modelsDir).get("ppocr-cls");
    PreparedInput none = new PreparedInput(Map.of(), Optional.empty());
    Quantization q = new Quantization(0.5, 0);
    Tensor int8 =
        new Tensor(
            "y", DType.INT8, Shape.of(1, 2), q, ByteBuffer.wrap(new byte[] {2, 6})); // 1.0, 3.0
    Tensor uint8 = Tensor.of("y", DType.UINT8, Shape.of(1, 2), ByteBuffer.wrap(new byte[2]));

    ModelOutput.Classification out =
        (ModelOutput.Classification) new Postprocessor().process(entry, none, int8);
    InvalidInputException refused =
        assertThrows(
            InvalidInputException.class, () -> new Postprocessor().process(entry, none, uint8));

    ModelOutput.Classification expected =
        (ModelOutput.Classification)
            new Postprocessor()
                .process(entry, none, Tensor.ofFloats("y", Shape.of(1, 2), new float[] {1f, 3f}));
    assertEquals(expected, out);
    assertEquals("180", out.top().get(0).label());
    assertTrue(refused.getMessage().contains("tensor y is uint8"), refused.getMessage());
  }

  /**
   * Verifies that the PP-OCR direction classifier with our pre- and post-processing says 0 for
   * upright text and 180 for text turned upside down.
   */
  @Test
  void directionClassifierTellsUprightFromUpsideDown() throws Exception {
    ModelCatalog catalog = ModelCatalog.builtIn(modelsDir);
    CatalogEntry entry = catalog.get("ppocr-cls");
    byte[] upright = textLine(false);
    byte[] flipped = textLine(true);

    ModelOutput.Classification up;
    ModelOutput.Classification down;
    try (OnnxRunner runner = new OnnxRunner(catalog, "ppocr-cls")) {
      up = classify(runner, entry, upright);
      down = classify(runner, entry, flipped);
    }

    assertEquals("0", up.top().get(0).label(), up.toString());
    assertEquals("180", down.top().get(0).label(), down.toString());
    assertEquals(1.0, up.top().get(0).probability() + up.top().get(1).probability(), 1e-4);
  }

  /**
   * Verifies that bytes that are not an image, and tensors of the wrong shape, are refused naming
   * the problem.
   */
  @Test
  void badInputsAreRefused() {
    ModelCatalog catalog = ModelCatalog.builtIn(modelsDir);
    Preprocessor pre = new Preprocessor();

    InvalidInputException notImage =
        assertThrows(
            InvalidInputException.class,
            () ->
                pre.prepare(catalog.get("ppocr-cls"), new ModelInput.Image(new byte[] {1, 2, 3})));
    InvalidInputException wrongShape =
        assertThrows(
            InvalidInputException.class,
            () ->
                pre.prepare(
                    catalog.get("tiny-cnn"),
                    ModelInput.Tensors.of(
                        Tensor.ofFloats("input", Shape.of(1, 3, 16, 16), new float[768]))));
    InvalidInputException textForImage =
        assertThrows(
            InvalidInputException.class,
            () -> pre.prepare(catalog.get("resnet50"), new ModelInput.Text("hi")));

    assertTrue(notImage.getMessage().contains("PNG or JPEG"), notImage.getMessage());
    assertTrue(wrongShape.getMessage().contains("1x3x32x32"), wrongShape.getMessage());
    assertTrue(textForImage.getMessage().contains("not a text"), textForImage.getMessage());
  }

  /**
   * Verifies that the classifier's input keeps the aspect ratio at height 48 and pads the rest of
   * the 192 columns with zeros.
   */
  @Test
  void classifierInputIsPaddedToWidth() throws Exception {
    ModelCatalog catalog = ModelCatalog.builtIn(modelsDir);
    BufferedImage white = new BufferedImage(60, 30, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = white.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, 60, 30);
    g.dispose();
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    ImageIO.write(white, "png", png);

    PreparedInput input =
        new Preprocessor()
            .prepare(catalog.get("ppocr-cls"), new ModelInput.Image(png.toByteArray()));

    Tensor x = input.tensors().get("x");
    assertEquals(List.of(1L, 3L, 48L, 192L), Arrays.stream(x.shape().dims()).boxed().toList());
    assertEquals(96, input.geometry().orElseThrow().contentWidth());
    assertEquals(1.0f, x.asFloatBuffer().get(95), 1e-6f); // white: (1 - 0.5) / 0.5
    assertEquals(0.0f, x.asFloatBuffer().get(96), 1e-6f); // padding
  }

  private static ModelOutput.Classification classify(
      OnnxRunner runner, CatalogEntry entry, byte[] png) throws Exception {
    PreparedInput input = new Preprocessor().prepare(entry, new ModelInput.Image(png));
    return (ModelOutput.Classification)
        new Postprocessor().process(entry, input, runner.run(input));
  }

  private static byte[] textLine(boolean upsideDown) throws Exception {
    BufferedImage image = new BufferedImage(320, 48, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, 320, 48);
    if (upsideDown) {
      g.setTransform(AffineTransform.getRotateInstance(Math.PI, 160, 24));
    }
    g.setColor(Color.BLACK);
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 30));
    g.drawString("Split inference at the edge", 8, 35);
    g.dispose();
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    ImageIO.write(image, "png", png);
    return png.toByteArray();
  }
}
