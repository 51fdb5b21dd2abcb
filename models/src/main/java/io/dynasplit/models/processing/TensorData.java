package io.dynasplit.models.processing;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.TensorInfo;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * A dense tensor held in a Java array: float32 or int64. The arrays are <em>not</em> copied; do not
 * change them after handing them over.
 */
public sealed interface TensorData {

  /** The dimensions (a copy). */
  long[] shape();

  /** {@code float32} or {@code int64}. */
  String dtype();

  /** The number of elements the shape implies. */
  static long elements(long[] shape) {
    long n = 1;
    for (long d : shape) {
      if (d < 0) {
        throw new IllegalArgumentException(
            "shape must not have negative sizes: " + Arrays.toString(shape));
      }
      n = Math.multiplyExact(n, d);
    }
    return n;
  }

  /** An ONNX Runtime tensor with these values; the caller closes it. */
  OnnxTensor toOnnx(OrtEnvironment env) throws OrtException;

  /**
   * Copies an ONNX Runtime output into a {@code TensorData}.
   *
   * @throws IllegalArgumentException for outputs that are not float32 or int64 tensors
   */
  static TensorData fromOnnx(OnnxValue value) {
    if (!(value instanceof OnnxTensor tensor)) {
      throw new IllegalArgumentException("output is not a tensor: " + value.getType());
    }
    TensorInfo info = tensor.getInfo();
    long[] shape = info.getShape();
    return switch (info.type) {
      case FLOAT -> {
        FloatBuffer b = tensor.getFloatBuffer();
        float[] v = new float[b.remaining()];
        b.get(v);
        yield new Float32(shape, v);
      }
      case INT64 -> {
        LongBuffer b = tensor.getLongBuffer();
        long[] v = new long[b.remaining()];
        b.get(v);
        yield new Int64(shape, v);
      }
      default ->
          throw new IllegalArgumentException(
              "output type " + info.type + " is not supported, only float32 and int64");
    };
  }

  /** A copy of the shape, after checking that it holds exactly {@code valueCount} elements. */
  private static long[] checkedShape(long[] shape, int valueCount) {
    Objects.requireNonNull(shape, "shape");
    long[] copy = shape.clone();
    if (elements(copy) != valueCount) {
      throw new IllegalArgumentException(
          "shape "
              + Arrays.toString(copy)
              + " needs "
              + elements(copy)
              + " values, got "
              + valueCount);
    }
    return copy;
  }

  /**
   * A float32 tensor.
   *
   * @param shape the dimensions
   * @param values the values, row-major
   */
  record Float32(long[] shape, float[] values) implements TensorData {
    /** Checks that the shape and the number of values agree. */
    public Float32 {
      Objects.requireNonNull(values, "values");
      shape = checkedShape(shape, values.length);
    }

    @Override
    public long[] shape() {
      return shape.clone();
    }

    @Override
    public String dtype() {
      return "float32";
    }

    @Override
    public OnnxTensor toOnnx(OrtEnvironment env) throws OrtException {
      return OnnxTensor.createTensor(env, FloatBuffer.wrap(values), shape);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Float32 f
          && Arrays.equals(shape, f.shape)
          && Arrays.equals(values, f.values);
    }

    @Override
    public int hashCode() {
      return 31 * Arrays.hashCode(shape) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
      return "Float32" + Arrays.toString(shape);
    }
  }

  /**
   * An int64 tensor.
   *
   * @param shape the dimensions
   * @param values the values, row-major
   */
  record Int64(long[] shape, long[] values) implements TensorData {
    /** Checks that the shape and the number of values agree. */
    public Int64 {
      Objects.requireNonNull(values, "values");
      shape = checkedShape(shape, values.length);
    }

    @Override
    public long[] shape() {
      return shape.clone();
    }

    @Override
    public String dtype() {
      return "int64";
    }

    @Override
    public OnnxTensor toOnnx(OrtEnvironment env) throws OrtException {
      return OnnxTensor.createTensor(env, LongBuffer.wrap(values), shape);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Int64 f
          && Arrays.equals(shape, f.shape)
          && Arrays.equals(values, f.values);
    }

    @Override
    public int hashCode() {
      return 31 * Arrays.hashCode(shape) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
      return "Int64" + Arrays.toString(shape);
    }
  }
}
