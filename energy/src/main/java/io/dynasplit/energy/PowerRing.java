package io.dynasplit.energy;

/**
 * A bounded ring of power samples (time, watts) that integrates energy over any window.
 *
 * <p>Power between two samples is the straight line between them (so the integral over sampled
 * intervals is the trapezoidal rule); before the first and after the last sample it is held at that
 * sample's value. When the ring is full the oldest sample is overwritten.
 *
 * @implNote thread-safe; one writer (the sampler) and any number of readers. {@link #add} is O(1);
 *     {@link #joules} is O(log n + samples in the window).
 */
public final class PowerRing {

  private final long[] times;
  private final double[] watts;
  private final int mask;
  private long count;

  /**
   * An empty ring holding at least {@code capacity} samples (rounded up to a power of two).
   *
   * @param capacity between 2 and 2^24
   */
  public PowerRing(int capacity) {
    if (capacity < 2 || capacity > (1 << 24)) {
      throw new IllegalArgumentException("capacity must be in [2, 2^24]: " + capacity);
    }
    int size = Integer.highestOneBit(capacity - 1) << 1;
    times = new long[size];
    watts = new double[size];
    mask = size - 1;
  }

  /** How many samples the ring keeps. */
  public int capacity() {
    return times.length;
  }

  /**
   * Appends a sample.
   *
   * @param timeNanos sample time, {@link System#nanoTime()} scale, not before the previous sample
   * @param w power in watts, finite
   */
  public synchronized void add(long timeNanos, double w) {
    if (!Double.isFinite(w)) {
      throw new IllegalArgumentException("watts must be finite: " + w);
    }
    if (count > 0 && timeNanos < times[(int) ((count - 1) & mask)]) {
      throw new IllegalArgumentException("sample time goes backwards: " + timeNanos);
    }
    int i = (int) (count & mask);
    times[i] = timeNanos;
    watts[i] = w;
    count++;
  }

  /** Samples held now. */
  public synchronized int size() {
    return (int) Math.min(count, times.length);
  }

  /** Samples added since creation, including overwritten ones. */
  public synchronized long totalAdded() {
    return count;
  }

  /**
   * Time of the oldest sample held.
   *
   * @throws IllegalStateException if the ring is empty
   */
  public synchronized long oldestNanos() {
    requireSamples();
    return time(0);
  }

  /**
   * Time of the newest sample.
   *
   * @throws IllegalStateException if the ring is empty
   */
  public synchronized long newestNanos() {
    requireSamples();
    return time(size() - 1);
  }

  /**
   * Watts of the newest sample.
   *
   * @throws IllegalStateException if the ring is empty
   */
  public synchronized double newestWatts() {
    requireSamples();
    return watt(size() - 1);
  }

  /**
   * Energy in joules over {@code [fromNanos, toNanos]}.
   *
   * @throws IllegalArgumentException if {@code toNanos < fromNanos}
   * @throws IllegalStateException if the ring is empty
   */
  public synchronized double joules(long fromNanos, long toNanos) {
    if (toNanos < fromNanos) {
      throw new IllegalArgumentException(
          "window ends before it starts: " + fromNanos + " > " + toNanos);
    }
    requireSamples();
    int n = size();
    long first = time(0);
    long last = time(n - 1);
    double nanoJoules = 0; // watt-nanoseconds
    if (fromNanos < first) {
      nanoJoules += watt(0) * (double) (Math.min(toNanos, first) - fromNanos);
    }
    if (toNanos > last) {
      nanoJoules += watt(n - 1) * (double) (toNanos - Math.max(fromNanos, last));
    }
    for (int i = firstSegmentEndingAfter(fromNanos, n); i < n - 1; i++) {
      long t0 = time(i);
      long t1 = time(i + 1);
      if (t0 >= toNanos) {
        break;
      }
      long lo = Math.max(fromNanos, t0);
      long hi = Math.min(toNanos, t1);
      if (hi > lo) {
        double w0 = watt(i);
        double w1 = watt(i + 1);
        double span = t1 - t0;
        double pLo = w0 + (w1 - w0) * ((lo - t0) / span);
        double pHi = w0 + (w1 - w0) * ((hi - t0) / span);
        nanoJoules += (pLo + pHi) * 0.5 * (double) (hi - lo);
      }
    }
    return nanoJoules / 1e9;
  }

  /**
   * The first logical index i such that segment [t_i, t_i+1] ends after {@code t}; n - 1 if none.
   */
  private int firstSegmentEndingAfter(long t, int n) {
    int lo = 0;
    int hi = n - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (time(mid + 1) > t) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

  private long time(int logical) {
    return times[physical(logical)];
  }

  private double watt(int logical) {
    return watts[physical(logical)];
  }

  private int physical(int logical) {
    long start = count > times.length ? count - times.length : 0;
    return (int) ((start + logical) & mask);
  }

  private void requireSamples() {
    if (count == 0) {
      throw new IllegalStateException("no power samples yet");
    }
  }
}
