package io.dynasplit.edge.hardware;

import io.dynasplit.scheduler.SwitchCosts;
import io.dynasplit.scheduler.SwitchCosts.ChangeKind;
import io.dynasplit.schemas.Quantiles;
import java.util.Arrays;

/**
 * Records how long each hardware change took, and each apply that changed nothing, and summarizes
 * the most recent ones per kind as the scheduler's {@link SwitchCosts}: count, p50 and p95 (the
 * project's one quantile, {@link Quantiles}) and maximum, in milliseconds.
 *
 * @implNote thread-safe; {@link #record} is O(1), {@link #snapshot} sorts at most {@code window}
 *     values per kind
 */
public final class SwitchCostRecorder {

  /** Slot of the no-change applies, after one slot per {@link ChangeKind}. */
  private static final int NO_CHANGE = ChangeKind.values().length;

  private final int window;
  private final long[][] recent;
  private final long[] counts = new long[NO_CHANGE + 1];

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
    this.recent = new long[NO_CHANGE + 1][window];
  }

  /** Records one change of {@code kind} that took {@code nanos}. */
  public void record(ChangeKind kind, long nanos) {
    add(kind.ordinal(), nanos);
  }

  /** Records one apply that found everything already right and took {@code nanos}. */
  public void recordNoChange(long nanos) {
    add(NO_CHANGE, nanos);
  }

  private synchronized void add(int slot, long nanos) {
    if (nanos < 0) {
      throw new IllegalArgumentException("nanos must be >= 0: " + nanos);
    }
    long n = counts[slot];
    recent[slot][(int) (n % window)] = nanos;
    counts[slot] = n + 1;
  }

  /** The summary now; kinds not measured yet are left out, so they cost nothing. */
  public synchronized SwitchCosts snapshot() {
    SwitchCosts out = SwitchCosts.NONE.withNoChange(summary(NO_CHANGE));
    for (ChangeKind k : ChangeKind.values()) {
      if (counts[k.ordinal()] > 0) {
        out = out.with(k, summary(k.ordinal()));
      }
    }
    return out;
  }

  private SwitchCosts.Cost summary(int slot) {
    long n = counts[slot];
    if (n == 0) {
      return SwitchCosts.Cost.UNMEASURED;
    }
    int kept = (int) Math.min(n, window);
    double[] ms = new double[kept];
    for (int i = 0; i < kept; i++) {
      ms[i] = recent[slot][i] / 1e6;
    }
    Arrays.sort(ms);
    return new SwitchCosts.Cost(
        n, Quantiles.ofSorted(ms, 0.50), Quantiles.ofSorted(ms, 0.95), ms[kept - 1]);
  }
}
