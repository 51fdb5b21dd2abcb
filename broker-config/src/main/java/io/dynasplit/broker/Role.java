package io.dynasplit.broker;

import java.util.Locale;

/**
 * The kinds of MQTT clients of a DynaSplit deployment and how each logs in to the broker.
 *
 * <p>Sensors and edges log in with their own identity (the user name is the sensor id or the edge
 * id), so the ACL can keep each to its own topics. Cloud workers, observers and site bridges are
 * interchangeable and share one account per role ({@link #userName()}). {@link MosquittoAcl} says
 * what each may publish and subscribe.
 */
public enum Role {
  /** Cameras and sensors: publish inference requests, read their replies; user name = sensor id. */
  SENSOR,
  /**
   * Edge nodes: serve requests, send intermediate tensors to the cloud, publish telemetry and
   * status; user name = edge id.
   */
  EDGE,
  /**
   * Cloud workers: run tails and answer the edge, publish their load; shared account {@code cloud}.
   */
  CLOUD,
  /**
   * Dashboards, Prometheus bridges, alerting: read, write nothing; shared account {@code observer}.
   */
  OBSERVER,
  /**
   * The bridge of an edge-site broker on the cloud broker, carrying every edge of its site; shared
   * account {@code bridge}.
   */
  BRIDGE;

  /** Whether the role's clients share one account rather than log in with their own id. */
  public boolean sharesAccount() {
    return this != SENSOR && this != EDGE;
  }

  /**
   * The user name of the role's shared account.
   *
   * @throws IllegalStateException for sensors and edges, which log in with their own id
   */
  public String userName() {
    if (!sharesAccount()) {
      throw new IllegalStateException(
          name().toLowerCase(Locale.ROOT)
              + " clients log in with their own id as user name, not with a shared account");
    }
    return name().toLowerCase(Locale.ROOT);
  }
}
