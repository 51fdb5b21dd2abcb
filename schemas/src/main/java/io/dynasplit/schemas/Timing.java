package io.dynasplit.schemas;

/**
 * Where the time of a request went (ARCHITECTURE 4.5, {@code timing}), in milliseconds.
 *
 * @param totalMs from arrival at the edge to the reply
 * @param queueMs waiting at the edge (queue and hardware switch) before the head ran
 * @param edgeMs head inference (and local tail, when the edge ran it), pre- and post-processing
 * @param transferMs moving the intermediate tensor to the cloud and the answer back, less cloud
 *     time
 * @param cloudMs on the cloud worker: its queue plus the tail
 */
public record Timing(
    double totalMs, double queueMs, double edgeMs, double transferMs, double cloudMs) {

  /** Checks that every figure is finite and non-negative. */
  public Timing {
    Checks.nonNegative("timing.totalMs", totalMs);
    Checks.nonNegative("timing.queueMs", queueMs);
    Checks.nonNegative("timing.edgeMs", edgeMs);
    Checks.nonNegative("timing.transferMs", transferMs);
    Checks.nonNegative("timing.cloudMs", cloudMs);
  }
}
