package io.dynasplit.models.runtime;

import ai.onnxruntime.OnnxJavaType;
import io.dynasplit.schemas.DType;

/** Maps the wire's element types to ONNX Runtime's and back. */
final class OrtTypes {

  private OrtTypes() {}

  static OnnxJavaType toOrt(DType d) {
    return switch (d) {
      case FLOAT32 -> OnnxJavaType.FLOAT;
      case FLOAT16 -> OnnxJavaType.FLOAT16;
      case INT8 -> OnnxJavaType.INT8;
      case UINT8 -> OnnxJavaType.UINT8;
      case INT64 -> OnnxJavaType.INT64;
    };
  }

  /** The wire type of an ONNX Runtime type, or null when the wire cannot carry it. */
  static DType fromOrt(OnnxJavaType t) {
    return switch (t) {
      case FLOAT -> DType.FLOAT32;
      case FLOAT16 -> DType.FLOAT16;
      case INT8 -> DType.INT8;
      case UINT8 -> DType.UINT8;
      case INT64 -> DType.INT64;
      default -> null;
    };
  }
}
