package io.dynasplit.optimizer.simulation;

import java.util.List;
import java.util.Objects;

/**
 * How the channel and the cloud differ from the profiling conditions over a workload: a step
 * function of request position to a bandwidth factor and a cloud load factor.
 *
 * <p>A bandwidth factor {@code b} divides each outcome's transfer time by {@code b} (0.25: a
 * quarter of the profiled bandwidth, four times the transfer time); a cloud load factor {@code c}
 * multiplies its cloud time by {@code c} (2: a busy cloud that takes twice as long). Energies stay
 * as measured. Before the first step the factors are 1.
 *
 * @param axis what a step's {@code from} counts
 * @param steps the steps in increasing {@code from} order; each applies until the next
 */
public record Scenario(Axis axis, List<Step> steps) {

  /** Profiling conditions throughout. */
  public static final Scenario NONE = new Scenario(Axis.REQUEST, List.of());

  /** What a step's start position counts. */
  public enum Axis {
    /** The request's 0-based index in the workload. */
    REQUEST("request"),
    /** The request's index divided by the workload's length, in [0, 1]. */
    FRACTION("fraction"),
    /**
     * Seconds since the start on the simulator's one arrival clock, shared by every strategy so
     * that all see the same conditions for the same request: request {@code i} arrives at the sum
     * of the SLAs of the requests before it (each request gets its SLA as its time slot).
     */
    TIME_S("time_s");

    private final String column;

    Axis(String column) {
      this.column = column;
    }

    /** The column that names this axis in a scenario file. */
    public String column() {
      return column;
    }
  }

  /**
   * From position {@code from} on, these factors hold.
   *
   * @param from start position on the scenario's axis, >= 0
   * @param bandwidthFactor the bandwidth relative to the profiled one, > 0
   * @param cloudLoadFactor the cloud time relative to the profiled one, > 0
   */
  public record Step(double from, double bandwidthFactor, double cloudLoadFactor) {
    /** Checks the figures. */
    public Step {
      if (!(from >= 0) || Double.isInfinite(from)) {
        throw new IllegalArgumentException("from must be a finite number >= 0: " + from);
      }
      if (!(bandwidthFactor > 0) || Double.isInfinite(bandwidthFactor)) {
        throw new IllegalArgumentException(
            "bandwidthFactor must be a finite number > 0: " + bandwidthFactor);
      }
      if (!(cloudLoadFactor > 0) || Double.isInfinite(cloudLoadFactor)) {
        throw new IllegalArgumentException(
            "cloudLoadFactor must be a finite number > 0: " + cloudLoadFactor);
      }
    }
  }

  /** The profiling conditions, as a step. */
  public static final Step PROFILED = new Step(0, 1, 1);

  /** Checks the order of the steps and freezes them. */
  public Scenario {
    Objects.requireNonNull(axis, "axis");
    steps = List.copyOf(Objects.requireNonNull(steps, "steps"));
    for (int i = 1; i < steps.size(); i++) {
      if (!(steps.get(i).from() > steps.get(i - 1).from())) {
        throw new IllegalArgumentException(
            "steps must be in increasing 'from' order: "
                + steps.get(i - 1).from()
                + " then "
                + steps.get(i).from());
      }
    }
    if (axis == Axis.FRACTION && !steps.isEmpty() && steps.get(steps.size() - 1).from() > 1) {
      throw new IllegalArgumentException(
          "a fraction must be in [0, 1]: " + steps.get(steps.size() - 1).from());
    }
  }

  /** Whether any step changes the conditions. */
  public boolean isNone() {
    return steps.stream().allMatch(s -> s.bandwidthFactor() == 1 && s.cloudLoadFactor() == 1);
  }

  /**
   * The conditions for a request.
   *
   * @param index the request's 0-based index
   * @param total the workload's length
   * @param timeS the request's arrival time in seconds since the workload began (the same for every
   *     strategy)
   */
  public Step at(int index, int total, double timeS) {
    double position =
        switch (axis) {
          case REQUEST -> index;
          case FRACTION -> total == 0 ? 0 : (double) index / total;
          case TIME_S -> timeS;
        };
    Step current = PROFILED;
    for (Step s : steps) {
      if (s.from() <= position) {
        current = s;
      } else {
        break;
      }
    }
    return current;
  }
}
