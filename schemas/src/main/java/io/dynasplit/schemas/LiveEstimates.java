package io.dynasplit.schemas;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The live conditions an edge schedules with (ARCHITECTURE 6), as reported in its telemetry. Each
 * figure is null until the edge has observed enough to estimate it.
 *
 * @param bandwidthBytesPerS the edge-to-cloud data rate
 * @param rttMs the round trip to the cloud through the broker
 * @param edgeFactor measured head time over the front's head time
 * @param cloudFactor measured tail time over the front's tail time
 * @param cloudQueueMs the cloud's queueing delay
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LiveEstimates(
    Double bandwidthBytesPerS,
    Double rttMs,
    Double edgeFactor,
    Double cloudFactor,
    Double cloudQueueMs) {

  /** No estimate yet. */
  public static final LiveEstimates NONE = new LiveEstimates(null, null, null, null, null);

  /** Checks that every present figure is finite and non-negative. */
  public LiveEstimates {
    Checks.optionalNonNegative("bandwidthBytesPerS", bandwidthBytesPerS);
    Checks.optionalNonNegative("rttMs", rttMs);
    Checks.optionalNonNegative("edgeFactor", edgeFactor);
    Checks.optionalNonNegative("cloudFactor", cloudFactor);
    Checks.optionalNonNegative("cloudQueueMs", cloudQueueMs);
  }
}
