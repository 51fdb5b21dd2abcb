package io.dynasplit.scheduler;

import io.dynasplit.schemas.FrontEntry;
import java.util.Objects;

/**
 * The scheduler's answer for one request: the chosen front entry and what it is expected to cost.
 *
 * @param policy the policy that decided
 * @param status whether an entry was chosen and whether it is expected to meet the SLA
 * @param entry the chosen entry; null unless {@link Status#chosen()}
 * @param predictedLatencyMs the latency the policy expects for this request (front latency for the
 *     static policies, the live prediction for {@code adaptive}); NaN when nothing was chosen
 * @param predictedEnergyJ the expected energy (edge plus cloud) of the entry; NaN when nothing was
 *     chosen
 * @param slaMet whether the expected latency meets the SLA, known before running the request
 */
public record Decision(
    Policy policy,
    Status status,
    FrontEntry entry,
    double predictedLatencyMs,
    double predictedEnergyJ,
    boolean slaMet) {

  /** Outcome of a decision. */
  public enum Status {
    /** An entry was chosen and is expected to meet the SLA. */
    MEETS_SLA,
    /** No entry is expected to meet the SLA; the fastest (or the fixed baseline) was chosen. */
    MISSES_SLA,
    /**
     * No entry is expected to meet the SLA (or the front is empty, or has no entry the policy
     * needs) and the request asked to fail rather than run late: reply {@code SLA_INFEASIBLE}.
     */
    INFEASIBLE,
    /** No front is loaded for the request's model: reply {@code UNKNOWN_MODEL}. */
    UNKNOWN_MODEL;

    /** Whether an entry was chosen and the request should run. */
    public boolean chosen() {
      return this == MEETS_SLA || this == MISSES_SLA;
    }
  }

  /** Checks that the fields agree with the status. */
  public Decision {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(status, "status");
    if (status.chosen() && entry == null) {
      throw new IllegalArgumentException("entry must not be null when status is " + status);
    }
    if (!status.chosen() && entry != null) {
      throw new IllegalArgumentException("entry must be null when status is " + status);
    }
    if (slaMet != (status == Status.MEETS_SLA)) {
      throw new IllegalArgumentException(
          "slaMet must be " + (status == Status.MEETS_SLA) + " when status is " + status);
    }
  }

  /** A decision that chose {@code entry}. */
  static Decision chosen(
      Policy policy, FrontEntry entry, double latencyMs, double energyJ, boolean slaMet) {
    return new Decision(
        policy, slaMet ? Status.MEETS_SLA : Status.MISSES_SLA, entry, latencyMs, energyJ, slaMet);
  }

  /** A decision that chose nothing. */
  static Decision none(Policy policy, Status status) {
    return new Decision(policy, status, null, Double.NaN, Double.NaN, false);
  }
}
