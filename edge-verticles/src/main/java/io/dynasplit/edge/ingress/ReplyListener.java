package io.dynasplit.edge.ingress;

import io.dynasplit.edge.StageTimes;
import io.dynasplit.schemas.Reply;

/** Hears every reply the edge publishes, with where its time went (benchmarks, metrics). */
@FunctionalInterface
public interface ReplyListener {

  /** Does nothing. */
  ReplyListener NONE = (reply, times, publishMs) -> {};

  /**
   * Called on the ingress event loop once a reply was handed to the broker; must not block.
   *
   * @param reply the reply
   * @param times the pipeline's stage times, or null when the request failed before inference
   * @param publishMs time from the reply being composed to the broker acknowledging it
   */
  void replied(Reply reply, StageTimes times, double publishMs);
}
