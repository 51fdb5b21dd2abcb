package io.dynasplit.edge.pipeline;

import io.dynasplit.edge.StageTimes;
import io.dynasplit.schemas.Reply;
import java.util.Objects;

/**
 * The pipeline's answer to an {@link AdmittedRequest}: the final reply and where the time went.
 *
 * @param reply the reply to publish
 * @param times the stage times; null for a request that failed before inference
 */
public record Outcome(Reply reply, StageTimes times) {

  /** Checks the values. */
  public Outcome {
    Objects.requireNonNull(reply, "reply");
  }
}
