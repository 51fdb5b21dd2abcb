package io.dynasplit.scheduler;

import io.dynasplit.schemas.Configuration;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Measured cost, in milliseconds, of changing each part of the edge's hardware state, and the one
 * predictor of what a change will cost (ARCHITECTURE 8: the hardware measures every change it
 * applies and reports p50 and p95 per kind; the scheduler adds the prediction to each candidate's
 * latency).
 *
 * <p>The hardware records into it ({@code SwitchCostRecorder}); the scheduler reads it. Plain Java,
 * no Vert.x.
 *
 * @param costs the cost of each kind of change; a kind not present has not been measured and costs
 *     nothing
 * @param noChange the cost of an apply that found everything already right; {@link Cost#UNMEASURED}
 *     until one ran
 */
public record SwitchCosts(Map<ChangeKind, Cost> costs, Cost noChange) {

  /** No cost for any change: the paper's setting, and the default until measurements arrive. */
  public static final SwitchCosts NONE = new SwitchCosts(Map.of(), Cost.UNMEASURED);

  /** A part of the edge hardware state that a configuration change may touch. */
  public enum ChangeKind {
    /** The CPU frequency (DVFS through cpufreq sysfs). */
    CPU_FREQUENCY,
    /** The edge accelerator (execution provider, or a USB accelerator's power). */
    EDGE_ACCELERATOR,
    /** The head session's intra-op threads. */
    THREADS;

    /** The lower-case name used in telemetry, e.g. {@code cpu_frequency}. */
    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * The cost of one kind of change: measured over the most recent changes kept, or given.
   *
   * @param count changes measured since start; 0 for figures given rather than measured
   * @param p50Ms median duration
   * @param p95Ms 95th percentile duration, at least the median
   * @param maxMs longest duration kept, at least the p95
   */
  public record Cost(long count, double p50Ms, double p95Ms, double maxMs) {
    /** No measurement yet: costs nothing. */
    public static final Cost UNMEASURED = new Cost(0, 0, 0, 0);

    /** Checks the figures. */
    public Cost {
      if (count < 0) {
        throw new IllegalArgumentException("count must be >= 0: " + count);
      }
      if (!(p50Ms >= 0) || Double.isInfinite(p50Ms)) {
        throw new IllegalArgumentException("p50Ms must be a finite number >= 0: " + p50Ms);
      }
      if (!(p95Ms >= p50Ms) || Double.isInfinite(p95Ms)) {
        throw new IllegalArgumentException(
            "p95Ms must be finite and >= p50Ms (" + p50Ms + "): " + p95Ms);
      }
      if (!(maxMs >= p95Ms) || Double.isInfinite(maxMs)) {
        throw new IllegalArgumentException(
            "maxMs must be finite and >= p95Ms (" + p95Ms + "): " + maxMs);
      }
    }

    /**
     * Figures given rather than measured (e.g. the reference implementation's 120 to 530 ms): count
     * 0.
     */
    public static Cost given(double p50Ms, double p95Ms) {
      return new Cost(0, p50Ms, p95Ms, p95Ms);
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
    Objects.requireNonNull(noChange, "noChange");
    EnumMap<ChangeKind, Cost> copy = new EnumMap<>(ChangeKind.class);
    costs.forEach(
        (k, v) ->
            copy.put(
                Objects.requireNonNull(k, "change kind"),
                Objects.requireNonNull(v, "cost of " + k)));
    costs = Map.copyOf(copy);
  }

  /** The cost of one kind of change; {@link Cost#UNMEASURED} where none was measured or given. */
  public Cost cost(ChangeKind kind) {
    return costs.getOrDefault(Objects.requireNonNull(kind, "kind"), Cost.UNMEASURED);
  }

  /** A copy with the cost of one kind of change set to given figures. */
  public SwitchCosts with(ChangeKind kind, double p50Ms, double p95Ms) {
    return with(kind, Cost.given(p50Ms, p95Ms));
  }

  /** A copy with the cost of one kind of change set. */
  public SwitchCosts with(ChangeKind kind, Cost cost) {
    EnumMap<ChangeKind, Cost> copy = new EnumMap<>(ChangeKind.class);
    copy.putAll(costs);
    copy.put(Objects.requireNonNull(kind, "kind"), Objects.requireNonNull(cost, "cost"));
    return new SwitchCosts(copy, noChange);
  }

  /** A copy with the cost of an apply that changes nothing set. */
  public SwitchCosts withNoChange(Cost cost) {
    return new SwitchCosts(costs, cost);
  }

  /**
   * The kinds of change that going from {@code from} to {@code to} needs: the edge hardware parts
   * that differ. The split, codec and cloud accelerator need none.
   */
  public static Set<ChangeKind> changes(Configuration from, Configuration to) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    EnumSet<ChangeKind> out = EnumSet.noneOf(ChangeKind.class);
    if (from.cpuFreqMHz() != to.cpuFreqMHz()) {
      out.add(ChangeKind.CPU_FREQUENCY);
    }
    if (!from.edgeAccelerator().equals(to.edgeAccelerator())) {
      out.add(ChangeKind.EDGE_ACCELERATOR);
    }
    if (from.threads() != to.threads()) {
      out.add(ChangeKind.THREADS);
    }
    return out;
  }

  /**
   * The expected time to go from hardware state {@code from} to the state of {@code to}, at
   * quantile {@code q}: {@link #costMs(Collection, double)} of their {@link #changes}. Zero when
   * {@code from} is null (unknown state).
   */
  public double costMs(Configuration from, Configuration to, double q) {
    if (from == null) {
      return 0;
    }
    return costMs(changes(from, to), q);
  }

  /**
   * The expected time of a switch that makes the given kinds of change, at quantile {@code q}: the
   * sum of their costs, or the cost of an apply that changes nothing when there are none. Kinds not
   * measured count 0.
   *
   * @implNote no I/O, no allocation beyond the caller's collection: the scheduler calls it per
   *     candidate
   */
  public double costMs(Collection<ChangeKind> changed, double q) {
    if (changed.isEmpty()) {
      return noChange.at(q);
    }
    double ms = 0;
    for (ChangeKind k : changed) {
      ms += cost(k).at(q);
    }
    return ms;
  }
}
