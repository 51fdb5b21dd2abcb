package io.dynasplit.edge.hardware;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;

/**
 * Records how long each hardware change took and summarizes the most recent ones per kind as {@link SwitchCosts}.
 *
 * @implNote thread-safe; {@link #record} is O(1), {@link #snapshot} sorts at most {@code window} values per kind
 */
public final class SwitchCostRecorder {

  private final int window;
  private final Map<ChangeKind, long[]> recent = new EnumMap<>(ChangeKind.class);
  private final Map<ChangeKind, Long> counts = new EnumMap<>(ChangeKind.class);

  /**
   * A recorder that keeps the last {@code window} durations of each kind.
   *
   * @param window at least 1
   */
  public SwitchCostRecorder(int window) {
    if (window < 1) {
      throw new IllegalArgumentException("window must be >= 1: " + window);
    }
    this.window = window;
    for (ChangeKind k : ChangeKind.values()) {
      recent.put(k, new long[window]);
      counts.put(k, 0L);
    }
  }

  /** Records one change of {@code kind} that took {@code nanos}. */
  public synchronized void record(ChangeKind kind, long nanos) {
    if (nanos < 0) {
      throw new IllegalArgumentException("nanos must be >= 0: " + nanos);
    }
    long n = counts.get(kind);
    recent.get(kind)[(int) (n % window)] = nanos;
    counts.put(kind, n + 1);
  }

  /** The summary now. */
  public synchronized SwitchCosts snapshot() {
    Map<ChangeKind, SwitchCosts.Cost> out = new EnumMap<>(ChangeKind.class);
    for (ChangeKind k : ChangeKind.values()) {
      long n = counts.get(k);
      if (n == 0) {
        continue;
      }
      long[] kept = Arrays.copyOf(recent.get(k), (int) Math.min(n, window));
      Arrays.sort(kept);
      out.put(k, new SwitchCosts.Cost(n, quantileMs(kept, 0.50), quantileMs(kept, 0.95),
          kept[kept.length - 1] / 1e6));
    }
    return new SwitchCosts(out);
  }

  /** Nearest-rank quantile of sorted nanoseconds, in milliseconds. */
  static double quantileMs(long[] sorted, double q) {
    int rank = (int) Math.ceil(q * sorted.length);
    return sorted[Math.clamp(rank - 1, 0, sorted.length - 1)] / 1e6;
  }
}
