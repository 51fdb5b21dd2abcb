package io.dynasplit.scheduler;

import io.dynasplit.schemas.Quantiles;
import java.util.Arrays;

/**
 * The last {@code capacity} observations of one quantity, each stamped with the request clock, and
 * what those not older than {@code maxAge} say: their quantile, and the {@link #estimate estimate}
 * of the quantity, that quantile taken only as far as the {@link Evidence evidence} of their mean
 * against the profiled value carries.
 *
 * <p>Not thread-safe. Everything is recomputed when a sample enters or expires, never when read.
 *
 * @implNote O(capacity log capacity) per change, no allocation after construction.
 */
final class SampleWindow {

  private final double quantile;
  private final long maxAge;
  private final double profiled;
  private final double evidence;
  private final double[] values;
  private final long[] stamps;
  private final double[] scratch;
  private int next;
  private int count;
  private long oldestLive = Long.MAX_VALUE;
  private int live;
  private double cached = Double.NaN;
  private double estimate;

  /**
   * A window whose {@link #estimate} starts from {@code profiled} and moves away from it only as
   * far as {@code evidence} standard errors allow.
   */
  SampleWindow(int capacity, long maxAge, double quantile, double profiled, double evidence) {
    this.quantile = quantile;
    this.maxAge = maxAge;
    this.profiled = profiled;
    this.evidence = evidence;
    values = new double[capacity];
    stamps = new long[capacity];
    scratch = new double[capacity];
    estimate = profiled;
  }

  /** A window whose observations are trusted as they are (evidence 0), profiled value 0. */
  SampleWindow(int capacity, long maxAge, double quantile) {
    this(capacity, maxAge, quantile, 0, 0);
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

  /**
   * The quantity as the evidence has it: the profiled value moved towards the live samples'
   * quantile by the share {@link Evidence#weight} allows for their mean (all the way once the
   * evidence is clear, not at all while their confidence interval holds the profiled value); the
   * profiled value when no sample is live.
   */
  double estimate() {
    return estimate;
  }

  /** Empties the window. */
  void clear() {
    count = 0;
    next = 0;
    live = 0;
    oldestLive = Long.MAX_VALUE;
    cached = Double.NaN;
    estimate = profiled;
  }

  private void recompute(long now) {
    int n = 0;
    long oldest = Long.MAX_VALUE;
    double sum = 0;
    for (int i = 0; i < count; i++) {
      if (now - stamps[i] <= maxAge) {
        scratch[n++] = values[i];
        sum += values[i];
        oldest = Math.min(oldest, stamps[i]);
      }
    }
    live = n;
    oldestLive = oldest;
    if (n == 0) {
      cached = Double.NaN;
      estimate = profiled;
      return;
    }
    double mean = sum / n;
    double squares = 0;
    for (int i = 0; i < n; i++) {
      squares += (scratch[i] - mean) * (scratch[i] - mean);
    }
    double sd = n > 1 ? Math.sqrt(squares / (n - 1)) : 0;
    Arrays.sort(scratch, 0, n);
    cached = Quantiles.ofSorted(scratch, n, quantile);
    double w = Evidence.weight(mean, profiled, sd, n, evidence);
    estimate = profiled + w * (cached - profiled);
  }
}
