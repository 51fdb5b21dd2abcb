package io.dynasplit.scheduler;

/**
 * Tuning of the {@code adaptive} policy's live estimates.
 *
 * @param quantile the quantile of the live factors at which latency is predicted, in (0, 1): 0.5
 *     predicts the median request, 0.9 plans for a slow one
 * @param window how many recent observations each estimate keeps
 * @param maxAgeRequests observations older than this many requests are forgotten, so that an
 *     estimate that is no longer refreshed (the policy stopped using the cloud, say) falls back to
 *     the profiled value and the policy tries again
 * @param priorWeight how many observations the profiled channel counts for in the live fit of round
 *     trip and bandwidth
 * @param evidence how sure the live observations must be before an estimate leaves the profile: the
 *     half-width, in standard errors of the window's mean, of the confidence interval whose end
 *     nearest the profiled value an estimate takes (the profiled value while the interval holds
 *     it); 0 trusts every observation as it is
 */
public record AdaptiveSettings(
    double quantile, int window, int maxAgeRequests, double priorWeight, double evidence) {

  /** The settings the edge and the simulator use unless told otherwise. */
  public static final AdaptiveSettings DEFAULT = new AdaptiveSettings(0.5, 32, 100, 1.0, 5.0);

  /** Checks every field. */
  public AdaptiveSettings {
    if (!(quantile > 0 && quantile < 1)) {
      throw new IllegalArgumentException("quantile must be in (0, 1): " + quantile);
    }
    if (window < 1) {
      throw new IllegalArgumentException("window must be >= 1: " + window);
    }
    if (maxAgeRequests < 1) {
      throw new IllegalArgumentException("maxAgeRequests must be >= 1: " + maxAgeRequests);
    }
    if (!(priorWeight > 0) || Double.isInfinite(priorWeight)) {
      throw new IllegalArgumentException("priorWeight must be a finite number > 0: " + priorWeight);
    }
    if (!(evidence >= 0) || Double.isInfinite(evidence)) {
      throw new IllegalArgumentException("evidence must be a finite number >= 0: " + evidence);
    }
  }

  /** A copy at another quantile. */
  public AdaptiveSettings withQuantile(double q) {
    return new AdaptiveSettings(q, window, maxAgeRequests, priorWeight, evidence);
  }

  /** A copy with another window size. */
  public AdaptiveSettings withWindow(int n) {
    return new AdaptiveSettings(quantile, n, maxAgeRequests, priorWeight, evidence);
  }

  /** A copy with another maximum age. */
  public AdaptiveSettings withMaxAgeRequests(int n) {
    return new AdaptiveSettings(quantile, window, n, priorWeight, evidence);
  }

  /** A copy with another evidence bar (0: trust every observation). */
  public AdaptiveSettings withEvidence(double z) {
    return new AdaptiveSettings(quantile, window, maxAgeRequests, priorWeight, z);
  }
}
