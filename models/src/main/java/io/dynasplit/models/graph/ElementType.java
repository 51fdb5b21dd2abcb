package io.dynasplit.models.graph;

import ai.onnxruntime.OnnxJavaType;
import java.util.Locale;
import java.util.Optional;

/**
 * The element types of ONNX tensors that have a fixed size, so that a tensor of them can cross a
 * split: its ONNX code, its size in bytes and its lowercase name ({@code float32}, {@code int64}).
 */
public enum ElementType {
  FLOAT32(1, 4, OnnxJavaType.FLOAT),
  UINT8(2, 1, OnnxJavaType.UINT8),
  INT8(3, 1, OnnxJavaType.INT8),
  UINT16(4, 2, null),
  INT16(5, 2, OnnxJavaType.INT16),
  INT32(6, 4, OnnxJavaType.INT32),
  INT64(7, 8, OnnxJavaType.INT64),
  BOOL(9, 1, OnnxJavaType.BOOL),
  FLOAT16(10, 2, OnnxJavaType.FLOAT16),
  FLOAT64(11, 8, OnnxJavaType.DOUBLE),
  UINT32(12, 4, null),
  UINT64(13, 8, null),
  BFLOAT16(16, 2, OnnxJavaType.BFLOAT16);

  private final int onnxCode;
  private final int byteSize;
  private final OnnxJavaType javaType;

  ElementType(int onnxCode, int byteSize, OnnxJavaType javaType) {
    this.onnxCode = onnxCode;
    this.byteSize = byteSize;
    this.javaType = javaType;
  }

  /** The {@code TensorProto.DataType} number of this type. */
  public int onnxCode() {
    return onnxCode;
  }

  /** Bytes per element. */
  public int byteSize() {
    return byteSize;
  }

  /** The lowercase name used in manifests and tables, e.g. {@code float32}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The ONNX Runtime Java type for creating tensors of this type, when the binding has one. */
  public Optional<OnnxJavaType> javaType() {
    return Optional.ofNullable(javaType);
  }

  /** The element type of an ONNX {@code TensorProto.DataType} number, if it has a fixed size. */
  public static Optional<ElementType> ofOnnx(int onnxCode) {
    for (ElementType t : values()) {
      if (t.onnxCode == onnxCode) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  /** The element type with this label ({@code float32}), for reading manifests. */
  public static ElementType ofLabel(String label) {
    for (ElementType t : values()) {
      if (t.label().equals(label)) {
        return t;
      }
    }
    throw new IllegalArgumentException("unknown element type: " + label);
  }
}
