package io.dynasplit.schemas;

/**
 * The project's one definition of a sample quantile, used by {@code profile}, {@code request},
 * {@code simulate}, the scheduler's live estimates and the cloud's load telemetry: linear
 * interpolation between the closest ranks, Hyndman and Fan's type 7 (R's default and numpy's {@code
 * linear}): for {@code n} sorted values, position {@code h = q (n - 1)}, value {@code x[floor h] +
 * (h - floor h) (x[floor h + 1] - x[floor h])}. The median of an even count is the mean of the
 * middle two; {@code q = 0} is the minimum and {@code q = 1} the maximum.
 */
public final class Quantiles {

  private Quantiles() {}

  /**
   * The {@code q} quantile of sorted values.
   *
   * @param sorted values in ascending order, not copied
   * @param q the quantile in [0, 1]
   * @throws IllegalArgumentException if there are no values or {@code q} is outside [0, 1]
   */
  public static double ofSorted(double[] sorted, double q) {
    return ofSorted(sorted, sorted.length, q);
  }

  /**
   * The {@code q} quantile of the first {@code n} values of an array, sorted ascending.
   *
   * @param sorted values whose first {@code n} are in ascending order, not copied
   * @param n how many values count, at least 1
   * @param q the quantile in [0, 1]
   * @throws IllegalArgumentException if {@code n} is not in [1, sorted.length] or {@code q} is
   *     outside [0, 1]
   */
  public static double ofSorted(double[] sorted, int n, double q) {
    if (n < 1 || n > sorted.length) {
      throw new IllegalArgumentException(
          "a quantile needs 1 to " + sorted.length + " values: " + n);
    }
    if (!(q >= 0 && q <= 1)) {
      throw new IllegalArgumentException("q must be in [0, 1]: " + q);
    }
    double pos = q * (n - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(lo + 1, n - 1);
    return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
  }
}
