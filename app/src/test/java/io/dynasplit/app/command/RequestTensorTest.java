package io.dynasplit.app.command;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dynasplit.models.catalog.CatalogEntry;
import io.dynasplit.models.catalog.ModelCatalog;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading and making the tensors of {@code dynasplit request --tensor / --random-tensor}. */
class RequestTensorTest {

  private static final ModelCatalog CATALOG = ModelCatalog.builtIn(Path.of("target", "models"));

  private static CatalogEntry model(String id) {
    return CATALOG.find(id).orElseThrow();
  }

  /**
   * Verifies that the tests' .npy writer writes what NumPy writes: {@code arange-2x3.npy} was saved
   * by {@code np.save(f, np.arange(6, dtype='<f4').reshape(2, 3))} (NumPy 2.4).
   */
  @Test
  void npyWriterMatchesNumpy() throws Exception {
    byte[] numpy;
    try (InputStream in = getClass().getResourceAsStream("arange-2x3.npy")) {
      numpy = in.readAllBytes();
    }
    ByteBuffer values = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < 6; i++) {
      values.putFloat(i);
    }
    assertArrayEquals(numpy, NpyFiles.npy("<f4", new long[] {2, 3}, values.array()));
  }

  /**
   * Verifies that a .npy file for a model with dynamic dimensions takes its shape from the file,
   * and its data are the bytes after the header.
   */
  @Test
  void npyGivesTheDynamicDimensions(@TempDir Path dir) throws Exception {
    byte[] values = NpyFiles.randomFloats(3 * 64 * 96, 2);
    Path file =
        NpyFiles.write(dir, "page.npy", NpyFiles.npy("<f4", new long[] {1, 3, 64, 96}, values));
    RequestTensor t = RequestTensor.read(model("ppocr-det"), file, null);
    assertEquals("x", t.name());
    assertArrayEquals(new long[] {1, 3, 64, 96}, t.shape().dims());
    assertArrayEquals(values, t.bytes());
  }

  /**
   * Verifies that --shape fills the dynamic dimensions of a random tensor and a raw file, and that
   * a random tensor is the same for the same seed and within [-1, 1).
   */
  @Test
  void shapeFillsTheDynamicDimensions(@TempDir Path dir) throws Exception {
    RequestTensor a = RequestTensor.random(model("ppocr-det"), "1x3x32x64", 9);
    assertArrayEquals(new long[] {1, 3, 32, 64}, a.shape().dims());
    assertArrayEquals(a.bytes(), RequestTensor.random(model("ppocr-det"), "1x3x32x64", 9).bytes());
    var floats = ByteBuffer.wrap(a.bytes()).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
    while (floats.hasRemaining()) {
      float v = floats.get();
      assertTrue(v >= -1 && v < 1, "value " + v);
    }
    Path raw = NpyFiles.write(dir, "page.f32", a.bytes());
    RequestTensor r = RequestTensor.read(model("ppocr-det"), raw, "1x3x32x64");
    assertArrayEquals(a.bytes(), r.bytes());
    assertArrayEquals(new long[] {1, 3, 32, 64}, r.shape().dims());
    assertArrayEquals(
        new long[] {1, 3, 48, 192},
        RequestTensor.random(model("ppocr-cls"), null, 1).shape().dims());
  }
}
