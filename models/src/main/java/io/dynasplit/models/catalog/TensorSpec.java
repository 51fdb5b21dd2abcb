package io.dynasplit.models.catalog;

import java.util.List;
import java.util.Objects;

/**
 * Name, shape and element type of one model input as the catalog declares it.
 *
 * @param name the ONNX input name
 * @param shape the dimensions; {@code -1} marks a dimension the model accepts at any size
 * @param dtype the element type: {@code float32}, {@code int64}, {@code int32}, {@code uint8} or
 *     {@code int8}
 */
public record TensorSpec(String name, List<Long> shape, String dtype) {

  private static final List<String> DTYPES = List.of("float32", "int64", "int32", "uint8", "int8");

  /** Checks the values. */
  public TensorSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(shape, "shape");
    Objects.requireNonNull(dtype, "dtype");
    if (name.isBlank()) {
      throw new IllegalArgumentException("name must not be blank");
    }
    shape = List.copyOf(shape);
    for (Long d : shape) {
      if (d < -1 || d == 0) {
        throw new IllegalArgumentException(
            "shape of " + name + " must hold -1 or positive sizes: " + shape);
      }
    }
    if (!DTYPES.contains(dtype)) {
      throw new IllegalArgumentException(
          "dtype of " + name + " must be one of " + DTYPES + ": " + dtype);
    }
  }

  /** The shape as an array, as ONNX Runtime takes it. */
  public long[] shapeArray() {
    return shape.stream().mapToLong(Long::longValue).toArray();
  }

  /** Whether every dimension has a fixed size. */
  public boolean isFixed() {
    return shape.stream().allMatch(d -> d > 0);
  }

  /** The shape written as {@code 1x3x224x224}, with {@code ?} for dynamic dimensions. */
  public String shapeText() {
    StringBuilder b = new StringBuilder();
    for (Long d : shape) {
      if (!b.isEmpty()) {
        b.append('x');
      }
      b.append(d < 0 ? "?" : d.toString());
    }
    return b.toString();
  }
}
