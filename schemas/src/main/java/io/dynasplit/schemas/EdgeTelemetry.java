package io.dynasplit.schemas;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Periodic edge telemetry (ARCHITECTURE 4.1, {@code edge/{edgeId}/telemetry}, QoS 0). Counters are
 * totals since the edge started.
 *
 * @param edgeId the edge
 * @param timestamp epoch milliseconds when the figures were taken
 * @param queueLength requests waiting to be scheduled or run
 * @param inFlight requests accepted and not yet answered
 * @param requests requests accepted
 * @param slaMet replies sent within their SLA
 * @param slaMissed replies sent late
 * @param errors error replies sent
 * @param lateCloudResults tail results that came after the edge had answered, dropped
 * @param powerW the edge's current power draw in watts; null when not metered
 * @param powerSource where {@code powerW} comes from; null when not metered
 * @param config the configuration the hardware is in now; null before the first request
 * @param estimates the live estimates the scheduler uses
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EdgeTelemetry(
    String edgeId,
    long timestamp,
    int queueLength,
    int inFlight,
    long requests,
    long slaMet,
    long slaMissed,
    long errors,
    long lateCloudResults,
    Double powerW,
    EnergySource powerSource,
    Configuration config,
    LiveEstimates estimates) {

  /** Checks every field. */
  public EdgeTelemetry {
    Checks.id("edgeId", edgeId);
    Checks.nonNegative("timestamp", timestamp);
    Checks.nonNegative("queueLength", queueLength);
    Checks.nonNegative("inFlight", inFlight);
    Checks.nonNegative("requests", requests);
    Checks.nonNegative("slaMet", slaMet);
    Checks.nonNegative("slaMissed", slaMissed);
    Checks.nonNegative("errors", errors);
    Checks.nonNegative("lateCloudResults", lateCloudResults);
    Checks.optionalNonNegative("powerW", powerW);
    if ((powerW == null) != (powerSource == null)) {
      throw new IllegalArgumentException(
          "powerW and powerSource must be both present or both absent: "
              + powerW
              + ", "
              + powerSource);
    }
    if (estimates == null) {
      estimates = LiveEstimates.NONE;
    }
  }
}
