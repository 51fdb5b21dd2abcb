package io.dynasplit.scheduler;

import io.dynasplit.schemas.Quantiles;
import java.util.Arrays;

/**
 * The last {@code capacity} observations of one quantity, each stamped with the request clock, and
 * their quantile over those not older than {@code maxAge}.
 *
 * <p>Not thread-safe. The quantile is recomputed when a sample enters or expires, never when read.
 *
 * @implNote O(capacity log capacity) per change, no allocation after construction.
 */
final class SampleWindow {

  private final double quantile;
  private final long maxAge;
  private final double[] values;
  private final long[] stamps;
  private final double[] scratch;
  private int next;
  private int count;
  private long oldestLive = Long.MAX_VALUE;
  private int live;
  private double cached = Double.NaN;

  SampleWindow(int capacity, long maxAge, double quantile) {
    this.quantile = quantile;
    this.maxAge = maxAge;
    values = new double[capacity];
    stamps = new long[capacity];
    scratch = new double[capacity];
  }

  /** Adds a sample observed at request {@code now}. */
  void add(double value, long now) {
    values[next] = value;
    stamps[next] = now;
    next = (next + 1) % values.length;
    count = Math.min(count + 1, values.length);
    recompute(now);
  }

  /** Drops from the quantile the samples that have grown too old by request {@code now}. */
  void expire(long now) {
    if (live > 0 && now - oldestLive > maxAge) {
      recompute(now);
    }
  }

  /** Number of samples that count. */
  int live() {
    return live;
  }

  /** The quantile of the live samples, or {@code fallback} when there is none. */
  double quantileOr(double fallback) {
    return live == 0 ? fallback : cached;
  }

  /** Empties the window. */
  void clear() {
    count = 0;
    next = 0;
    live = 0;
    oldestLive = Long.MAX_VALUE;
    cached = Double.NaN;
  }

  private void recompute(long now) {
    int n = 0;
    long oldest = Long.MAX_VALUE;
    for (int i = 0; i < count; i++) {
      if (now - stamps[i] <= maxAge) {
        scratch[n++] = values[i];
        oldest = Math.min(oldest, stamps[i]);
      }
    }
    live = n;
    oldestLive = oldest;
    if (n == 0) {
      cached = Double.NaN;
      return;
    }
    Arrays.sort(scratch, 0, n);
    cached = Quantiles.ofSorted(scratch, n, quantile);
  }
}
