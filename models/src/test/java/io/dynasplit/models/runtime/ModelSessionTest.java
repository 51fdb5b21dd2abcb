package io.dynasplit.models.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.dynasplit.models.catalog.ModelCatalog;
import io.dynasplit.schemas.DType;
import io.dynasplit.schemas.Shape;
import io.dynasplit.schemas.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real ONNX Runtime session of the bundled PP-OCR classifier, fed heap tensors. */
class ModelSessionTest {

  /**
   * Verifies that heap inputs, copied into the thread's reused scratch buffer, give each run its
   * own input: A, then B, then A again gives A's output twice and B's differs.
   */
  @Test
  void reusedScratchNeverLeaksTheLastInput(@TempDir Path dir) {
    byte[] bytes = ModelCatalog.builtIn(dir).resolve("ppocr-cls").bytes();
    try (ModelSession session =
        ModelSession.load(new SessionKey("ppocr-cls", 0, Part.FULL, "cpu", 1), bytes)) {
      String input = session.inputNames().get(0);
      long[] dims = session.inputShape(input).clone();
      for (int i = 0; i < dims.length; i++) {
        dims[i] = dims[i] > 0 ? dims[i] : (i == 0 ? 1 : 192);
      }
      Tensor a = heapTensor(input, dims, 1);
      Tensor b = heapTensor(input, dims, 2);
      float[] first = session.run(List.of(a)).get(0).toFloatArray();
      float[] other = session.run(List.of(b)).get(0).toFloatArray();
      float[] again = session.run(List.of(a)).get(0).toFloatArray();
      assertArrayEquals(first, again);
      assertFalse(Arrays.equals(first, other), "two different inputs gave the same output");
    }
  }

  private static Tensor heapTensor(String name, long[] dims, long seed) {
    long n = Arrays.stream(dims).reduce(1, (x, y) -> x * y);
    ByteBuffer data = ByteBuffer.allocate((int) n * 4).order(ByteOrder.LITTLE_ENDIAN);
    Random random = new Random(seed);
    for (int i = 0; i < n; i++) {
      data.putFloat(random.nextFloat() * 2 - 1);
    }
    data.flip();
    return Tensor.of(name, DType.FLOAT32, new Shape(dims), data);
  }
}
