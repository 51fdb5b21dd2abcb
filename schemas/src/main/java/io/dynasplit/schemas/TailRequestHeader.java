package io.dynasplit.schemas;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/**
 * The request metadata in the header of a tail request frame (ARCHITECTURE 4.3), published by the
 * edge to {@code cloud/tail}. The frame's tensors are the tensors live across the cut.
 *
 * <p>Times are epoch milliseconds of the edge's clock; the cloud uses {@code deadline} only
 * relative to {@code sentAt} (clocks of edge and cloud need not agree).
 *
 * @param id the request id
 * @param model the model id
 * @param split the split index: the tail starts after it
 * @param slaMs the request's SLA
 * @param deadline when the edge needs the answer back
 * @param receivedAt when the request arrived at the edge
 * @param sentAt when the edge published this frame
 * @param codec how the edge encoded float tensors
 * @param edgeId the sending edge, for logs and metrics; may be null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TailRequestHeader(
    String id,
    String model,
    int split,
    long slaMs,
    long deadline,
    long receivedAt,
    long sentAt,
    Codec codec,
    String edgeId) {

  /** Checks every field. */
  public TailRequestHeader {
    Checks.id("id", id);
    Checks.id("model", model);
    Checks.nonNegative("split", split);
    Checks.slaMs(slaMs);
    Checks.nonNegative("deadline", deadline);
    Checks.nonNegative("receivedAt", receivedAt);
    Checks.nonNegative("sentAt", sentAt);
    Objects.requireNonNull(codec, "codec");
    Checks.optionalId("edgeId", edgeId);
  }

  /**
   * How many milliseconds the cloud has, from {@code sentAt} to {@code deadline}; may be negative.
   */
  public long budgetMs() {
    return deadline - sentAt;
  }

  /** A copy stamped with another send time. */
  public TailRequestHeader withSentAt(long t) {
    return new TailRequestHeader(id, model, split, slaMs, deadline, receivedAt, t, codec, edgeId);
  }
}
