package io.dynasplit.edge.pipeline;

import io.dynasplit.schemas.FrontEntry;
import java.util.Objects;

/**
 * What one finished request showed about the edge, the channel and the cloud.
 *
 * @param entry the front entry that ran
 * @param edgeMs edge compute time of the request
 * @param bytes intermediate bytes sent; 0 when nothing was sent
 * @param transferMs time on the wire (round trip minus cloud time); NaN when nothing was sent
 * @param cloudServiceMs the cloud's compute time; NaN when the cloud did not answer
 * @param cloudQueueMs the cloud's queue wait; NaN when the cloud did not answer
 */
public record Observation(
    FrontEntry entry,
    double edgeMs,
    long bytes,
    double transferMs,
    double cloudServiceMs,
    double cloudQueueMs) {

  /** Checks the values. */
  public Observation {
    Objects.requireNonNull(entry, "entry");
    if (!(edgeMs >= 0)) {
      throw new IllegalArgumentException("edgeMs must be >= 0: " + edgeMs);
    }
    if (bytes < 0) {
      throw new IllegalArgumentException("bytes must be >= 0: " + bytes);
    }
  }
}
