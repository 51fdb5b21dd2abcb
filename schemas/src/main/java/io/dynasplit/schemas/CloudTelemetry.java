package io.dynasplit.schemas;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Periodic cloud worker load (ARCHITECTURE 4.1, {@code cloud/{workerId}/telemetry}), which edges
 * use for scheduling. Service times cover a recent window; they are null before the first tail.
 *
 * @param workerId the worker
 * @param timestamp epoch milliseconds when the figures were taken
 * @param queueLength tail requests waiting for a free instance
 * @param inFlight tail requests running now
 * @param instances tail inference instances of this worker
 * @param serviceP50Ms median tail service time (queue excluded)
 * @param serviceP95Ms 95th percentile of the tail service time
 * @param completed tail requests answered since start
 * @param rejected tail requests refused (queue full) since start
 * @param accelerator {@code cpu} or {@code gpu}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CloudTelemetry(
    String workerId,
    long timestamp,
    int queueLength,
    int inFlight,
    int instances,
    Double serviceP50Ms,
    Double serviceP95Ms,
    long completed,
    long rejected,
    String accelerator) {

  /** Checks every field. */
  public CloudTelemetry {
    Checks.id("workerId", workerId);
    Checks.nonNegative("timestamp", timestamp);
    Checks.nonNegative("queueLength", queueLength);
    Checks.nonNegative("inFlight", inFlight);
    if (instances < 1) {
      throw new IllegalArgumentException("instances must be >= 1: " + instances);
    }
    Checks.optionalNonNegative("serviceP50Ms", serviceP50Ms);
    Checks.optionalNonNegative("serviceP95Ms", serviceP95Ms);
    Checks.nonNegative("completed", completed);
    Checks.nonNegative("rejected", rejected);
    Checks.id("accelerator", accelerator);
  }
}
