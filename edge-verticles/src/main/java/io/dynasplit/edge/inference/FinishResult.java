package io.dynasplit.edge.inference;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * A reply's output, post-processed.
 *
 * @param output the output JSON
 * @param ms time spent post-processing
 * @param startedNanos when a worker took the job, {@link System#nanoTime()} scale
 */
public record FinishResult(JsonNode output, double ms, long startedNanos) {

  /** Checks the values. */
  public FinishResult {
    Objects.requireNonNull(output, "output");
  }
}
