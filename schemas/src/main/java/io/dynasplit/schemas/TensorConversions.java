package io.dynasplit.schemas;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.function.IntFunction;

/** The element conversions of the tensor frame codec: fp32 to fp16 and int8 and back. */
final class TensorConversions {

  /** The largest finite half-precision value; larger magnitudes saturate to it. */
  static final float MAX_HALF = 65504f;

  private TensorConversions() {}

  /** Copies all of {@code src} into {@code out} (absolute; positions untouched). */
  static ByteBuffer copy(ByteBuffer src, ByteBuffer out) {
    out.put(0, src, 0, src.capacity());
    return out;
  }

  /**
   * A little-endian buffer of exactly {@code bytes} bytes from an allocator, which must return a
   * buffer with at least that many bytes remaining; the result is a slice from its position.
   */
  static ByteBuffer take(IntFunction<ByteBuffer> allocator, int bytes) {
    ByteBuffer b = allocator.apply(bytes);
    if (b == null || b.remaining() < bytes) {
      throw new IllegalArgumentException(
          "allocator must return a buffer with at least "
              + bytes
              + " bytes remaining: "
              + (b == null ? null : b.remaining()));
    }
    if (b.isReadOnly()) {
      throw new IllegalArgumentException("allocator must return a writable buffer");
    }
    return b.slice(b.position(), bytes).order(ByteOrder.LITTLE_ENDIAN);
  }

  /**
   * Writes {@code n} float32 values of {@code src} (little-endian) as float16 at {@code out[at..]}.
   */
  static void float32ToFloat16(ByteBuffer src, int n, ByteBuffer out, int at) {
    for (int i = 0; i < n; i++) {
      float f = src.getFloat(i << 2);
      if (Math.abs(f) > MAX_HALF) {
        f = Math.copySign(MAX_HALF, f);
      }
      out.putShort(at + (i << 1), Float.floatToFloat16(f));
    }
  }

  static ByteBuffer float16ToFloat32(ByteBuffer src, ByteBuffer out) {
    int n = src.capacity() >>> 1;
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
      if (!(f - f == 0f)) { // NaN or infinite
        throw new IllegalArgumentException(
            "tensor " + name + " has " + f + " at element " + i + "; int8 cannot encode it");
      }
      // plain comparisons: Math.min/max handle NaN and -0.0, which cannot occur here, at a high
      // cost
      min = f < min ? f : min;
      max = f > max ? f : max;
    }
    if (n == 0) {
      return Quantization.IDENTITY;
    }
    return Quantization.ofRange(min, max);
  }

  /**
   * Writes {@code n} float32 values of {@code src} as int8 codes of {@code q} at {@code out[at..]}.
   */
  static void quantize(ByteBuffer src, int n, Quantization q, ByteBuffer out, int at) {
    double inv = 1.0 / q.scaleFloat();
    int zp = q.zeroPoint();
    for (int i = 0; i < n; i++) {
      // Math.rint compiles to one rounding instruction; Math.round measured 30 to 70 times slower
      // (JDK 25)
      int code = (int) Math.rint(src.getFloat(i << 2) * inv) + zp;
      out.put(at + i, (byte) (code < -128 ? -128 : code > 127 ? 127 : code));
    }
  }

  static ByteBuffer dequantize(ByteBuffer src, Quantization q, ByteBuffer out) {
    int n = src.capacity();
    float scale = q.scaleFloat();
    int zp = q.zeroPoint();
    for (int i = 0; i < n; i++) {
      out.putFloat(i << 2, (src.get(i) - zp) * scale);
    }
    return out;
  }
}
