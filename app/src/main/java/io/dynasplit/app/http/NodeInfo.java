package io.dynasplit.app.http;

import io.dynasplit.schemas.node.NodeHealth;
import java.util.List;
import java.util.Objects;

/**
 * One node served by an HTTP endpoint: what {@code /api/nodes} says about it and the readiness
 * {@code /health/ready} asks.
 *
 * @param role {@code edge} or {@code cloud}
 * @param id the edge id or worker id
 * @param models the models it serves (an edge), or empty
 * @param health its readiness
 */
public record NodeInfo(String role, String id, List<String> models, NodeHealth health) {

  /** Checks the fields and freezes the model list. */
  public NodeInfo {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(id, "id");
    models = List.copyOf(models);
    Objects.requireNonNull(health, "health");
  }
}
