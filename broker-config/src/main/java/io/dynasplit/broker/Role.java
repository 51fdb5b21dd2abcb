package io.dynasplit.broker;

import java.util.Locale;

/**
 * The kinds of MQTT clients of a DynaSplit deployment, each with its own broker account.
 *
 * <p>The account's user name is the role's lower-case name ({@code sensor}, {@code edge}, {@code
 * cloud}, {@code observer}); {@link MosquittoAcl} says what each may publish and subscribe.
 */
public enum Role {
  /** Cameras and sensors: publish inference requests, read their replies. */
  SENSOR,
  /** Edge nodes: serve requests, send intermediate tensors to the cloud, publish telemetry and status. */
  EDGE,
  /** Cloud workers: run tails and answer the edge, publish their load. */
  CLOUD,
  /** Dashboards, Prometheus bridges, alerting: read everything, write nothing. */
  OBSERVER;

  /** The broker user name of this role. */
  public String userName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
