package io.dynasplit.schemas.node;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;

/** The meter registry of one node, with the node's common tags added once. */
public final class NodeMeters {

  /** The tag that names a node's role: {@code edge} or {@code cloud}. */
  public static final String ROLE = "role";

  /** The tag that names a node: its edge id or worker id. */
  public static final String NODE = "node";

  private NodeMeters() {}

  /**
   * A registry that adds {@code role} and {@code node} to every meter and passes it on to {@code
   * shared}, so that several nodes in one process ({@code dynasplit up}) can share one Prometheus
   * registry, each under its own tags.
   */
  public static MeterRegistry tagged(MeterRegistry shared, String role, String node) {
    CompositeMeterRegistry own = new CompositeMeterRegistry();
    own.config().commonTags(ROLE, role, NODE, node);
    own.add(shared);
    return own;
  }
}
