package io.dynasplit.edge.hardware;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Measured costs of hardware changes by kind, for the scheduler's {@code switch(c)} term (ARCHITECTURE 6).
 *
 * <p>A kind not measured yet has {@link Cost#UNMEASURED} (count 0, zero milliseconds): the scheduler then sees no
 * cost until the first change of that kind has been timed.
 *
 * @param costs the cost of each kind; every kind is present
 */
public record SwitchCosts(Map<ChangeKind, Cost> costs) {

  /**
   * Summary of the measured durations of one kind of change, over the most recent ones kept.
   *
   * @param count changes of this kind measured since start
   * @param p50Ms median duration
   * @param p95Ms 95th percentile duration
   * @param maxMs longest duration kept
   */
  public record Cost(long count, double p50Ms, double p95Ms, double maxMs) {
    /** No measurement yet. */
    public static final Cost UNMEASURED = new Cost(0, 0, 0, 0);

    /** Checks the values. */
    public Cost {
      if (count < 0) {
        throw new IllegalArgumentException("count must be >= 0: " + count);
      }
      if (!(p50Ms >= 0) || !(p95Ms >= p50Ms) || !(maxMs >= p95Ms)) {
        throw new IllegalArgumentException("costs must satisfy 0 <= p50 <= p95 <= max: " + p50Ms + ", " + p95Ms
            + ", " + maxMs);
      }
    }
  }

  /** Checks and copies; kinds missing from {@code costs} are unmeasured. */
  public SwitchCosts {
    Objects.requireNonNull(costs, "costs");
    EnumMap<ChangeKind, Cost> all = new EnumMap<>(ChangeKind.class);
    for (ChangeKind k : ChangeKind.values()) {
      all.put(k, costs.getOrDefault(k, Cost.UNMEASURED));
    }
    costs = Map.copyOf(all);
  }

  /** No measurement of any kind. */
  public static SwitchCosts unmeasured() {
    return new SwitchCosts(Map.of());
  }

  /** The cost of one kind. */
  public Cost cost(ChangeKind kind) {
    return costs.get(kind);
  }

  /**
   * These costs as the scheduler takes them ({@code Scheduler.setSwitchCosts}): CPU frequency changes as
   * {@code CPU_FREQUENCY}, USB accelerator power switches as {@code EDGE_ACCELERATOR}; kinds not measured yet are
   * left out, so the scheduler counts them as free until they are.
   */
  public io.dynasplit.edge.scheduler.SwitchCosts forScheduler() {
    io.dynasplit.edge.scheduler.SwitchCosts out = io.dynasplit.edge.scheduler.SwitchCosts.NONE;
    Cost cpu = cost(ChangeKind.CPU_FREQUENCY);
    if (cpu.count() > 0) {
      out = out.with(io.dynasplit.edge.scheduler.SwitchCosts.ChangeKind.CPU_FREQUENCY, cpu.p50Ms(), cpu.p95Ms());
    }
    Cost usb = cost(ChangeKind.ACCELERATOR_POWER);
    if (usb.count() > 0) {
      out = out.with(io.dynasplit.edge.scheduler.SwitchCosts.ChangeKind.EDGE_ACCELERATOR, usb.p50Ms(), usb.p95Ms());
    }
    return out;
  }
}
