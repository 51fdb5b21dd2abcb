package io.dynasplit.models.graph;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;
import ai.onnxruntime.TensorInfo;
import io.dynasplit.models.graph.ModelGraphException.Reason;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** ONNX Runtime plumbing shared by the probe and the verifier. */
final class Ort {

  private Ort() {}

  /** The one environment of the JVM. */
  public static OrtEnvironment env() {
    return OrtEnvironment.getEnvironment();
  }

  /**
   * A session on model bytes, logging errors only.
   *
   * @throws ModelGraphException with reason RUNTIME when ONNX Runtime refuses the model
   */
  public static OrtSession session(String what, byte[] model, OptLevel level) {
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setOptimizationLevel(level);
      options.setSessionLogLevel(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
      return env().createSession(model, options);
    } catch (OrtException e) {
      throw new ModelGraphException(
          Reason.RUNTIME, "ONNX Runtime cannot load " + what + ": " + e.getMessage(), e);
    }
  }

  /** The spec of a result value, when it is a tensor of a fixed-size element type. */
  public static Optional<TensorSpec> spec(String name, OnnxValue value) {
    if (!(value instanceof OnnxTensor t)) {
      return Optional.empty();
    }
    TensorInfo info = t.getInfo();
    return elementType(info.onnxType)
        .map(dtype -> new TensorSpec(name, dtype, longs(info.getShape())));
  }

  /** The elements of a tensor as doubles (booleans as 0 and 1), for comparing outputs. */
  public static double[] values(OnnxTensor t) {
    TensorInfo info = t.getInfo();
    ElementType dtype =
        elementType(info.onnxType)
            .orElseThrow(() -> new IllegalArgumentException("not a fixed-size tensor: " + info));
    ByteBuffer b = t.getByteBuffer().order(ByteOrder.nativeOrder());
    int n = (int) info.getNumElements();
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] =
          switch (dtype) {
            case FLOAT32 -> b.getFloat();
            case FLOAT64 -> b.getDouble();
            case FLOAT16 -> Float.float16ToFloat(b.getShort());
            case BFLOAT16 -> Float.intBitsToFloat((b.getShort() & 0xffff) << 16);
            case BOOL, INT8 -> b.get();
            case UINT8 -> b.get() & 0xff;
            case INT16 -> b.getShort();
            case UINT16 -> b.getShort() & 0xffff;
            case INT32 -> b.getInt();
            case UINT32 -> b.getInt() & 0xffffffffL;
            case INT64 -> b.getLong();
            case UINT64 -> unsigned(b.getLong());
          };
    }
    return v;
  }

  /** Our element type of an ONNX Runtime tensor type (whose numbering is not ONNX's). */
  public static Optional<ElementType> elementType(TensorInfo.OnnxTensorType type) {
    return Optional.ofNullable(
        switch (type) {
          case ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT -> ElementType.FLOAT32;
          case ONNX_TENSOR_ELEMENT_DATA_TYPE_DOUBLE -> ElementType.FLOAT64;
          case ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT16 -> ElementType.FLOAT16;
          case ONNX_TENSOR_ELEMENT_DATA_TYPE_BFLOAT16 -> ElementType.BFLOAT16;
          case ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT8 -> ElementType.UINT8;
          case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT8 -> ElementType.INT8;
          case ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT16 -> ElementType.UINT16;
          case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT16 -> ElementType.INT16;
          case ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT32 -> ElementType.UINT32;
          case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT32 -> ElementType.INT32;
          case ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT64 -> ElementType.UINT64;
          case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT64 -> ElementType.INT64;
          case ONNX_TENSOR_ELEMENT_DATA_TYPE_BOOL -> ElementType.BOOL;
          default -> null;
        });
  }

  private static double unsigned(long x) {
    return x >= 0 ? x : (double) (x >>> 1) * 2.0 + (x & 1);
  }

  private static List<Long> longs(long[] shape) {
    List<Long> l = new ArrayList<>(shape.length);
    for (long d : shape) {
      l.add(d);
    }
    return l;
  }
}
