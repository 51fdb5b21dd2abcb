package io.dynasplit.schemas.node;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.BooleanSupplier;

/**
 * Whether a node (an edge or a cloud worker) is ready to serve: started (models loaded, verticles
 * deployed) and every one of its broker links connected. Its parts register their links as they
 * start; the HTTP endpoint's {@code /health/ready} asks {@link #notReady()}.
 *
 * @implNote thread-safe.
 */
public final class NodeHealth {

  private final String node;
  private final Map<String, BooleanSupplier> links = new ConcurrentSkipListMap<>();
  private volatile boolean started;

  /** The health of the node named {@code node} (e.g. {@code edge edge-1}). */
  public NodeHealth(String node) {
    this.node = Objects.requireNonNull(node, "node");
  }

  /** Registers a broker link by name; {@code connected} is asked at each readiness check. */
  public void link(String name, BooleanSupplier connected) {
    links.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(connected, "connected"));
  }

  /** Removes a link (its part stopped). */
  public void unlink(String name) {
    links.remove(name);
  }

  /** Marks the node started: its models are loaded and its parts deployed. */
  public void started() {
    started = true;
  }

  /** Marks the node stopping. */
  public void stopped() {
    started = false;
  }

  /** Why the node is not ready, one reason per problem; empty when it is ready. */
  public List<String> notReady() {
    List<String> reasons = new ArrayList<>();
    if (!started) {
      reasons.add(node + ": starting (loading models, connecting)");
    }
    links.forEach(
        (name, connected) -> {
          if (!connected.getAsBoolean()) {
            reasons.add(node + ": broker link " + name + " not connected");
          }
        });
    return reasons;
  }
}
