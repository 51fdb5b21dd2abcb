package io.dynasplit.edge.pipeline;

/**
 * Event-bus addresses of the edge pipeline; each is local to one JVM and prefixed by the edge id.
 */
public final class EdgeAddresses {

  private EdgeAddresses() {}

  /** Admitted requests, answered with the final {@link io.dynasplit.schemas.Reply}. */
  public static String pipeline(String edgeId) {
    return "dynasplit.edge." + edgeId + ".pipeline";
  }

  /** Scheduling queries, answered with a {@link Plan}. */
  public static String schedule(String edgeId) {
    return "dynasplit.edge." + edgeId + ".schedule";
  }

  /** What finished requests showed, for the live estimates (no answer). */
  public static String observe(String edgeId) {
    return "dynasplit.edge." + edgeId + ".observe";
  }

  /**
   * Requests for the scheduler's live estimates (any body), answered with the wire record {@link
   * io.dynasplit.schemas.LiveEstimates} (read-only: a snapshot taken on the scheduler's context).
   */
  public static String estimates(String edgeId) {
    return "dynasplit.edge." + edgeId + ".estimates";
  }

  /** Head, full and local tail inference jobs, answered with their result. */
  public static String inference(String edgeId) {
    return "dynasplit.edge." + edgeId + ".inference";
  }

  /** Tail calls to the cloud, answered with the cloud's answer. */
  public static String tail(String edgeId) {
    return "dynasplit.edge." + edgeId + ".tail";
  }
}
