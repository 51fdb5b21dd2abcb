package io.dynasplit.schemas;

import java.util.Objects;

/**
 * A parsed topic of the tree owned by {@link Topics}.
 *
 * @param kind which topic of ARCHITECTURE 4.1 it is
 * @param edgeId the edge, for edge topics; else null
 * @param workerId the cloud worker, for cloud worker topics; else null
 * @param requestId the request, for default reply topics; else null
 * @param model the model, for Pareto front topics; else null
 */
public record TopicAddress(
    Kind kind, String edgeId, String workerId, String requestId, String model) {

  /** The topics of ARCHITECTURE 4.1. */
  public enum Kind {
    EDGE_REQUESTS,
    EDGE_REPLY,
    EDGE_TAIL_RESULTS,
    EDGE_TELEMETRY,
    EDGE_STATUS,
    EDGE_PARETO,
    CLOUD_TAIL,
    CLOUD_STATUS,
    CLOUD_TELEMETRY
  }

  /** Checks that the kind is present. */
  public TopicAddress {
    Objects.requireNonNull(kind, "kind");
  }

  static TopicAddress edge(Kind kind, String edgeId) {
    return new TopicAddress(kind, edgeId, null, null, null);
  }
}
