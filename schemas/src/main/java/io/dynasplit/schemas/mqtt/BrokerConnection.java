package io.dynasplit.schemas.mqtt;

import java.util.Objects;

/**
 * Where a node's MQTT broker is and how the node logs in.
 *
 * @param host broker host name or address
 * @param port broker MQTT port
 * @param username broker user name, or null for none
 * @param password broker password, or null for none (ignored without a user name)
 */
public record BrokerConnection(String host, int port, String username, String password) {

  /** Checks the values. */
  public BrokerConnection {
    Objects.requireNonNull(host, "host");
    if (host.isBlank()) {
      throw new IllegalArgumentException("broker host must not be blank");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("broker port must be in 1..65535: " + port);
    }
  }

  /** {@code host:port}, for messages. */
  public String address() {
    return host + ":" + port;
  }

  @Override
  public String toString() {
    return "BrokerConnection[" + address() + (username == null ? "" : ", user " + username) + "]";
  }
}
