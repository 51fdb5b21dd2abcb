package io.dynasplit.schemas;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** The element conversions of the tensor frame codec: fp32 to fp16 and int8 and back. */
final class TensorConversions {

  /** The largest finite half-precision value; larger magnitudes saturate to it. */
  static final float MAX_HALF = 65504f;

  private TensorConversions() {}

  static ByteBuffer copyDirect(ByteBuffer src) {
    ByteBuffer out = ByteBuffer.allocateDirect(src.capacity()).order(ByteOrder.LITTLE_ENDIAN);
    out.put(src.duplicate().clear());
    return out.clear();
  }

  /** Writes {@code n} float32 values of {@code src} (little-endian) as float16 at {@code out[at..]}. */
  static void float32ToFloat16(ByteBuffer src, int n, ByteBuffer out, int at) {
    for (int i = 0; i < n; i++) {
      float f = src.getFloat(i << 2);
      if (Math.abs(f) > MAX_HALF) {
        f = Math.copySign(MAX_HALF, f);
      }
      out.putShort(at + (i << 1), Float.floatToFloat16(f));
    }
  }

  static ByteBuffer float16ToFloat32(ByteBuffer src) {
    int n = src.capacity() >>> 1;
    ByteBuffer out = ByteBuffer.allocateDirect(n << 2).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < n; i++) {
      out.putFloat(i << 2, Float.float16ToFloat(src.getShort(i << 1)));
    }
    return out;
  }

  /**
   * The int8 quantization of {@code n} float32 values from their range.
   *
   * @throws IllegalArgumentException when a value is NaN or infinite
   */
  static Quantization quantizationOf(ByteBuffer src, int n, String name) {
    float min = Float.POSITIVE_INFINITY;
    float max = Float.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      float f = src.getFloat(i << 2);
      if (f != f || Float.isInfinite(f)) {
        throw new IllegalArgumentException("tensor " + name + " has " + f + " at element " + i + "; int8 cannot encode it");
      }
      min = Math.min(min, f);
      max = Math.max(max, f);
    }
    if (n == 0) {
      return Quantization.IDENTITY;
    }
    return Quantization.ofRange(min, max);
  }

  /** Writes {@code n} float32 values of {@code src} as int8 codes of {@code q} at {@code out[at..]}. */
  static void quantize(ByteBuffer src, int n, Quantization q, ByteBuffer out, int at) {
    float inv = 1f / q.scaleFloat();
    int zp = q.zeroPoint();
    for (int i = 0; i < n; i++) {
      int code = Math.round(src.getFloat(i << 2) * inv) + zp;
      out.put(at + i, (byte) Math.max(-128, Math.min(127, code)));
    }
  }

  static ByteBuffer dequantize(ByteBuffer src, Quantization q) {
    int n = src.capacity();
    float scale = q.scaleFloat();
    int zp = q.zeroPoint();
    ByteBuffer out = ByteBuffer.allocateDirect(n << 2).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < n; i++) {
      out.putFloat(i << 2, (src.get(i) - zp) * scale);
    }
    return out;
  }
}
