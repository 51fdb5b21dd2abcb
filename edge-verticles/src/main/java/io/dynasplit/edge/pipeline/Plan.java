package io.dynasplit.edge.pipeline;

import io.dynasplit.scheduler.Decision;
import java.util.Objects;

/**
 * The scheduler's decision plus what the pipeline needs to fall back.
 *
 * @param decision the decision
 * @param localTailMs the expected time to run the tail on the edge instead (the all-edge entry's
 *     edge time minus this entry's), used to decide whether a fallback can still meet the deadline
 */
public record Plan(Decision decision, double localTailMs) {

  /** Checks the values. */
  public Plan {
    Objects.requireNonNull(decision, "decision");
    if (!(localTailMs >= 0)) {
      throw new IllegalArgumentException("localTailMs must be >= 0: " + localTailMs);
    }
  }
}
