package io.dynasplit.edge.scheduler;

import io.dynasplit.schemas.Configuration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Measured cost, in milliseconds, of changing each part of the edge's hardware state (ARCHITECTURE
 * 8: the hardware verticle measures every change it applies and reports p50 and p95 per kind).
 *
 * @param costs the cost of each kind of change; a kind not present costs nothing
 */
public record SwitchCosts(Map<ChangeKind, Cost> costs) {

  /** No cost for any change: the paper's setting, and the default until measurements arrive. */
  public static final SwitchCosts NONE = new SwitchCosts(Map.of());

  /** A part of the edge hardware state that a configuration change may touch. */
  public enum ChangeKind {
    /** The CPU frequency (DVFS). */
    CPU_FREQUENCY,
    /** The edge accelerator (execution provider or USB accelerator mode). */
    EDGE_ACCELERATOR,
    /** The head session's intra-op threads. */
    THREADS
  }

  /**
   * The measured cost of one kind of change.
   *
   * @param p50Ms median duration
   * @param p95Ms 95th percentile duration, at least the median
   */
  public record Cost(double p50Ms, double p95Ms) {
    /** Checks the figures. */
    public Cost {
      if (!(p50Ms >= 0) || Double.isInfinite(p50Ms)) {
        throw new IllegalArgumentException("p50Ms must be a finite number >= 0: " + p50Ms);
      }
      if (!(p95Ms >= p50Ms) || Double.isInfinite(p95Ms)) {
        throw new IllegalArgumentException("p95Ms must be finite and >= p50Ms (" + p50Ms + "): " + p95Ms);
      }
    }

    /**
     * The cost at quantile {@code q}: the median up to 0.5, the p95 from 0.95, linear in between.
     */
    public double at(double q) {
      if (q <= 0.5) {
        return p50Ms;
      }
      if (q >= 0.95) {
        return p95Ms;
      }
      return p50Ms + (p95Ms - p50Ms) * (q - 0.5) / 0.45;
    }
  }

  /** Checks and freezes the map. */
  public SwitchCosts {
    Objects.requireNonNull(costs, "costs");
    EnumMap<ChangeKind, Cost> copy = new EnumMap<>(ChangeKind.class);
    costs.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "change kind"), Objects.requireNonNull(v, "cost of " + k)));
    costs = Map.copyOf(copy);
  }

  /** A copy with the cost of one kind of change set. */
  public SwitchCosts with(ChangeKind kind, double p50Ms, double p95Ms) {
    EnumMap<ChangeKind, Cost> copy = new EnumMap<>(ChangeKind.class);
    copy.putAll(costs);
    copy.put(Objects.requireNonNull(kind, "kind"), new Cost(p50Ms, p95Ms));
    return new SwitchCosts(copy);
  }

  /**
   * The expected time to go from hardware state {@code from} to the state of {@code to}, at
   * quantile {@code q}: the sum over the kinds that differ. Zero when {@code from} is null
   * (unknown state) or the edge hardware is the same; the split, codec and cloud accelerator cost
   * nothing to change.
   */
  public double costMs(Configuration from, Configuration to, double q) {
    if (from == null || costs.isEmpty()) {
      return 0;
    }
    double ms = 0;
    if (from.cpuFreqMHz() != to.cpuFreqMHz()) {
      ms += costOf(ChangeKind.CPU_FREQUENCY, q);
    }
    if (!from.edgeAccelerator().equals(to.edgeAccelerator())) {
      ms += costOf(ChangeKind.EDGE_ACCELERATOR, q);
    }
    if (from.threads() != to.threads()) {
      ms += costOf(ChangeKind.THREADS, q);
    }
    return ms;
  }

  private double costOf(ChangeKind kind, double q) {
    Cost c = costs.get(kind);
    return c == null ? 0 : c.at(q);
  }
}
