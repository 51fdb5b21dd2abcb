package io.dynasplit.edge;

import io.dynasplit.schemas.Codec;
import io.dynasplit.schemas.Topics;
import io.dynasplit.schemas.mqtt.BrokerConnection;
import java.util.Objects;

/**
 * How an edge node runs.
 *
 * @param edgeId the edge's id in topics and client ids
 * @param brokerHost MQTT broker host
 * @param brokerPort MQTT broker port
 * @param username broker user name, or null
 * @param password broker password, or null
 * @param topics the topic tree
 * @param maxInFlight how many requests may be admitted at once; past it a request gets {@code
 *     OVERLOADED} at once
 * @param graceMs how long past its deadline a request may take before the edge gives up on it
 * @param headWorkers how many head inferences may run at once (worker verticle instances)
 * @param codec the default encoding of intermediate tensors, when the front's configuration names
 *     none
 * @param telemetryPeriodMs how often telemetry is published
 * @param sensorPort the port of the direct sensor endpoint (ARCHITECTURE 4.4); 0 = off
 * @param tailBroker where the tail client connects (the edge's link to the cloud), or null for the
 *     same broker as the rest ({@link #broker()})
 * @param emulation an emulated slower edge device ({@link EmulatedEdge#none()} in production)
 */
public record EdgeSettings(
    String edgeId,
    String brokerHost,
    int brokerPort,
    String username,
    String password,
    Topics topics,
    int maxInFlight,
    long graceMs,
    int headWorkers,
    Codec codec,
    long telemetryPeriodMs,
    int sensorPort,
    BrokerConnection tailBroker,
    EmulatedEdge emulation) {

  /** Checks every value. */
  public EdgeSettings {
    Objects.requireNonNull(edgeId, "edgeId");
    Objects.requireNonNull(brokerHost, "brokerHost");
    Objects.requireNonNull(topics, "topics");
    Objects.requireNonNull(codec, "codec");
    Objects.requireNonNull(emulation, "emulation");
    if (!Topics.isValidId(edgeId)) {
      throw new IllegalArgumentException("edgeId must be a valid topic id: '" + edgeId + "'");
    }
    if (brokerPort < 1 || brokerPort > 65535) {
      throw new IllegalArgumentException("brokerPort must be in 1..65535: " + brokerPort);
    }
    if (maxInFlight < 1) {
      throw new IllegalArgumentException("maxInFlight must be >= 1: " + maxInFlight);
    }
    if (graceMs < 0) {
      throw new IllegalArgumentException("graceMs must be >= 0: " + graceMs);
    }
    if (headWorkers < 1) {
      throw new IllegalArgumentException("headWorkers must be >= 1: " + headWorkers);
    }
    if (telemetryPeriodMs < 100) {
      throw new IllegalArgumentException("telemetryPeriodMs must be >= 100: " + telemetryPeriodMs);
    }
    if (sensorPort < 0 || sensorPort > 65535) {
      throw new IllegalArgumentException("sensorPort must be in 0..65535: " + sensorPort);
    }
  }

  /** The broker this edge connects to, with its credentials. */
  public BrokerConnection broker() {
    return new BrokerConnection(brokerHost, brokerPort, username, password);
  }

  /** Where the tail client connects: {@code tailBroker}, else {@link #broker()}. */
  public BrokerConnection tailLink() {
    return tailBroker != null ? tailBroker : broker();
  }

  /**
   * Defaults for an edge on a broker: 64 in flight, 2 s grace, 2 head workers, fp32, no sensor
   * endpoint.
   */
  public static EdgeSettings defaults(String edgeId, String host, int port) {
    return new EdgeSettings(
        edgeId,
        host,
        port,
        null,
        null,
        Topics.DEFAULT,
        64,
        2000,
        2,
        Codec.FP32,
        1000,
        0,
        null,
        EmulatedEdge.none());
  }

  /** A copy with another in-flight bound. */
  public EdgeSettings withMaxInFlight(int n) {
    return new EdgeSettings(
        edgeId,
        brokerHost,
        brokerPort,
        username,
        password,
        topics,
        n,
        graceMs,
        headWorkers,
        codec,
        telemetryPeriodMs,
        sensorPort,
        tailBroker,
        emulation);
  }

  /** A copy with another grace. */
  public EdgeSettings withGraceMs(long ms) {
    return new EdgeSettings(
        edgeId,
        brokerHost,
        brokerPort,
        username,
        password,
        topics,
        maxInFlight,
        ms,
        headWorkers,
        codec,
        telemetryPeriodMs,
        sensorPort,
        tailBroker,
        emulation);
  }

  /** A copy with broker credentials. */
  public EdgeSettings withCredentials(String user, String pass) {
    return new EdgeSettings(
        edgeId,
        brokerHost,
        brokerPort,
        user,
        pass,
        topics,
        maxInFlight,
        graceMs,
        headWorkers,
        codec,
        telemetryPeriodMs,
        sensorPort,
        tailBroker,
        emulation);
  }

  /** A copy with another head worker count. */
  public EdgeSettings withHeadWorkers(int n) {
    return new EdgeSettings(
        edgeId,
        brokerHost,
        brokerPort,
        username,
        password,
        topics,
        maxInFlight,
        graceMs,
        n,
        codec,
        telemetryPeriodMs,
        sensorPort,
        tailBroker,
        emulation);
  }

  /** A copy with the direct sensor endpoint on a port (0 = off). */
  public EdgeSettings withSensorPort(int port) {
    return new EdgeSettings(
        edgeId,
        brokerHost,
        brokerPort,
        username,
        password,
        topics,
        maxInFlight,
        graceMs,
        headWorkers,
        codec,
        telemetryPeriodMs,
        port,
        tailBroker,
        emulation);
  }

  /** A copy whose tail client connects to {@code link} (the edge's link to the cloud). */
  public EdgeSettings withTailBroker(BrokerConnection link) {
    return new EdgeSettings(
        edgeId,
        brokerHost,
        brokerPort,
        username,
        password,
        topics,
        maxInFlight,
        graceMs,
        headWorkers,
        codec,
        telemetryPeriodMs,
        sensorPort,
        link,
        emulation);
  }

  /** A copy on an emulated slower edge device. */
  public EdgeSettings withEmulation(EmulatedEdge e) {
    return new EdgeSettings(
        edgeId,
        brokerHost,
        brokerPort,
        username,
        password,
        topics,
        maxInFlight,
        graceMs,
        headWorkers,
        codec,
        telemetryPeriodMs,
        sensorPort,
        tailBroker,
        e);
  }
}
