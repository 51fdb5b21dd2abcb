package io.dynasplit.scheduler;

/**
 * How far a live estimate moves from its profiled value on the evidence of its window: the share
 * {@code w} in [0, 1] of the distance between the window's mean and the profiled value, such that
 * {@code profiled + w * (mean - profiled)} is the end of the confidence interval {@code mean +- z *
 * sd / sqrt(n)} nearest the profiled value, or the profiled value itself when the interval holds
 * it.
 *
 * <p>So noise alone (observations that scatter around the profile) leaves the profile in force, and
 * a real change moves the estimate by as much as the evidence carries: all of it once the interval
 * is narrow against the change. A single observation is no evidence; {@code z} 0 trusts every
 * observation.
 */
final class Evidence {

  private Evidence() {}

  /**
   * The share of {@code mean - profiled} the evidence carries.
   *
   * @param mean the window's mean
   * @param profiled the profiled value
   * @param sd the window's sample standard deviation
   * @param n how many observations the window holds
   * @param z the width of the confidence interval in standard errors, >= 0
   */
  static double weight(double mean, double profiled, double sd, int n, double z) {
    if (n == 0) {
      return 0;
    }
    if (z == 0) {
      return 1;
    }
    if (n < 2) {
      return 0;
    }
    double distance = Math.abs(mean - profiled);
    double half = z * sd / Math.sqrt(n);
    return distance > half ? 1 - half / distance : 0;
  }
}
