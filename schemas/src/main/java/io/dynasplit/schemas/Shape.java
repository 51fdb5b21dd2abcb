package io.dynasplit.schemas;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Objects;

/**
 * The shape of a tensor: at most {@link WireLimits#MAX_RANK} non-negative dimensions whose product
 * is at most {@link WireLimits#MAX_ELEMENTS}. Written in JSON as an array of integers.
 *
 * <p>The array is copied on construction and on access, so a shape is immutable.
 *
 * @param dims the dimensions, outermost first
 */
public record Shape(long[] dims) {

  /** Checks rank, dimensions and element count (with overflow checks) and copies the array. */
  public Shape {
    Objects.requireNonNull(dims, "shape");
    if (dims.length > WireLimits.MAX_RANK) {
      throw new IllegalArgumentException(
          "shape rank must be <= " + WireLimits.MAX_RANK + ": " + dims.length);
    }
    dims = dims.clone();
    long n = 1;
    for (int i = 0; i < dims.length; i++) {
      if (dims[i] < 0) {
        throw new IllegalArgumentException("shape[" + i + "] must be >= 0: " + dims[i]);
      }
      try {
        n = Math.multiplyExact(n, dims[i]);
      } catch (ArithmeticException e) {
        throw new IllegalArgumentException(
            "shape " + Arrays.toString(dims) + " has more than 2^63 elements", e);
      }
    }
    if (n > WireLimits.MAX_ELEMENTS) {
      throw new IllegalArgumentException(
          "shape "
              + Arrays.toString(dims)
              + " has "
              + n
              + " elements, more than "
              + WireLimits.MAX_ELEMENTS);
    }
  }

  /** A shape of the given dimensions. */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static Shape of(long... dims) {
    return new Shape(dims);
  }

  /** A copy of the dimensions (what ONNX Runtime takes). */
  @Override
  @JsonValue
  public long[] dims() {
    return dims.clone();
  }

  /** The number of dimensions. */
  public int rank() {
    return dims.length;
  }

  /** One dimension. */
  public long dim(int i) {
    return dims[i];
  }

  /** The number of elements (the product of the dimensions; 1 for a scalar). */
  public long elements() {
    long n = 1;
    for (long d : dims) {
      n *= d;
    }
    return n;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Shape s && Arrays.equals(dims, s.dims);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(dims);
  }

  @Override
  public String toString() {
    return Arrays.toString(dims);
  }
}
