package io.dynasplit.models.graph;

import java.util.List;
import java.util.Objects;

/**
 * A named tensor with its element type and concrete shape, as seen on the analysis input.
 *
 * @param name the tensor's name in the graph
 * @param dtype its element type
 * @param shape its dimensions, each {@code >= 0}
 */
public record TensorSpec(String name, ElementType dtype, List<Long> shape) {

  /** Checks the fields and copies the shape. */
  public TensorSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(dtype, "dtype");
    shape = List.copyOf(Objects.requireNonNull(shape, "shape"));
    for (Long d : shape) {
      if (d < 0) {
        throw new IllegalArgumentException("shape dims must be >= 0: " + shape + " of " + name);
      }
    }
  }

  /** Number of elements (1 for a scalar). */
  public long elements() {
    long n = 1;
    for (long d : shape) {
      n = Math.multiplyExact(n, d);
    }
    return n;
  }

  /** Size of the tensor's data in bytes. */
  public long bytes() {
    return Math.multiplyExact(elements(), dtype.byteSize());
  }

  /** The shape as a long array, as ONNX Runtime wants it. */
  public long[] shapeArray() {
    return shape.stream().mapToLong(Long::longValue).toArray();
  }

  /** The shape written {@code 1x3x48x192} ({@code scalar} for rank 0). */
  public String shapeText() {
    if (shape.isEmpty()) {
      return "scalar";
    }
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < shape.size(); i++) {
      b.append(i == 0 ? "" : "x").append(shape.get(i));
    }
    return b.toString();
  }
}
