package io.dynasplit.schemas;

/**
 * Per-tensor affine quantization of an int8 tensor: {@code x = (q - zeroPoint) * scale}.
 *
 * @param scale the step between two codes; finite and > 0 as a float
 * @param zeroPoint the code of 0.0, in [-128, 127]
 */
public record Quantization(double scale, int zeroPoint) {

  /** Checks scale and zero point. */
  public Quantization {
    if (!((float) scale > 0) || Float.isInfinite((float) scale)) {
      throw new IllegalArgumentException(
          "quant.scale must be a finite number > 0 in float range: " + scale);
    }
    if (zeroPoint < -128 || zeroPoint > 127) {
      throw new IllegalArgumentException("quant.zeroPoint must be in [-128, 127]: " + zeroPoint);
    }
  }

  /** The identity quantization (scale 1, zero point 0): codes are the values. */
  public static final Quantization IDENTITY = new Quantization(1.0, 0);

  /**
   * The quantization of values in [min, max], widened to include 0 so that 0 is exact: scale = (hi
   * - lo) / 255 and the zero point maps lo to -128 (rounded).
   *
   * @throws IllegalArgumentException when min or max is not finite or min > max
   */
  public static Quantization ofRange(float min, float max) {
    if (!Float.isFinite(min) || !Float.isFinite(max) || min > max) {
      throw new IllegalArgumentException(
          "int8 quantization needs a finite range min <= max: [" + min + ", " + max + "]");
    }
    float lo = Math.min(min, 0f);
    float hi = Math.max(max, 0f);
    if (hi == lo) {
      return IDENTITY;
    }
    float scale = (float) (((double) hi - lo) / 255.0);
    if (scale == 0f) {
      // a range of a few subnormals: the smallest normal step encodes it within its own width
      scale = Float.MIN_NORMAL;
    }
    long zp = Math.round(-128.0 - lo / (double) scale);
    return new Quantization(scale, (int) Math.max(-128, Math.min(127, zp)));
  }

  /** The scale as the float the codec computes with. */
  public float scaleFloat() {
    return (float) scale;
  }
}
