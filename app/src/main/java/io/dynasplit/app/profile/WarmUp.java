package io.dynasplit.app.profile;

import io.dynasplit.schemas.Quantiles;
import java.util.Arrays;

/**
 * When a configuration's warm-up may end: after at least {@code min} requests in force, once the
 * timings have stopped falling, or at {@code max} requests whatever they do. The requests are taken
 * in windows of {@link #WINDOW}; a window whose median total time beats the best so far by more
 * than {@link #TOLERANCE} (and {@link #SLACK_MS}) is progress, and the warm-up has settled after
 * {@link #PATIENCE} windows without progress. A fresh JVM needs hundreds of requests before its
 * round trip settles (the JIT compiles the hot path, ONNX Runtime sizes its arenas); a fixed
 * handful measured the compiler, not the configuration.
 *
 * <p>Plain state, one per warm-up; not thread-safe.
 */
final class WarmUp {

  /** Requests per window. */
  static final int WINDOW = 5;

  /** How much faster a window's median must be than the best so far to count as progress. */
  static final double TOLERANCE = 0.05;

  /** The least improvement, in milliseconds, that counts as progress (sub-ms jitter does not). */
  static final double SLACK_MS = 0.2;

  /** Windows in a row without progress after which the timings have settled. */
  static final int PATIENCE = 2;

  private final int min;
  private final int max;
  private final double[] window = new double[WINDOW];
  private int count;
  private double best = Double.POSITIVE_INFINITY;
  private int stale = -1; // no window yet

  /**
   * A warm-up of at least {@code min} and at most {@code max} requests.
   *
   * @throws IllegalArgumentException when {@code min < 0} or {@code max < min}
   */
  WarmUp(int min, int max) {
    if (min < 0 || max < min) {
      throw new IllegalArgumentException("need 0 <= min <= max: " + min + ", " + max);
    }
    this.min = min;
    this.max = max;
  }

  /** Records a request run in the configuration, with its total time. */
  void record(double totalMs) {
    window[count % WINDOW] = totalMs;
    count++;
    if (count % WINDOW == 0) {
      double[] w = window.clone();
      Arrays.sort(w);
      double median = Quantiles.ofSorted(w, 0.5);
      if (Double.isInfinite(best) || best - median > Math.max(SLACK_MS, TOLERANCE * best)) {
        best = median;
        stale = 0;
      } else {
        stale++;
      }
    }
  }

  /** Requests recorded. */
  int count() {
    return count;
  }

  /** Whether the warm-up may end now. */
  boolean done() {
    return count >= min && (settled() || count >= max);
  }

  /** Whether the timings have stopped falling. */
  boolean settled() {
    return stale >= PATIENCE;
  }
}
