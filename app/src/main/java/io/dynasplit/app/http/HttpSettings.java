package io.dynasplit.app.http;

/**
 * Where a node's HTTP endpoint listens.
 *
 * @param host the address to bind ({@code 127.0.0.1} unless told otherwise)
 * @param port the TCP port; 0 turns the endpoint off
 */
public record HttpSettings(String host, int port) {

  /** The port {@code dynasplit up} serves on when not told otherwise. */
  public static final int UP_PORT = 8080;

  /** The port {@code dynasplit edge} serves on when not told otherwise. */
  public static final int EDGE_PORT = 8081;

  /** The port {@code dynasplit cloud} serves on when not told otherwise. */
  public static final int CLOUD_PORT = 8082;

  /** Checks the port. */
  public HttpSettings {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("http port must be in 0..65535: " + port);
    }
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("http bind address must not be empty");
    }
  }

  /** Whether an endpoint is to run. */
  public boolean enabled() {
    return port > 0;
  }
}
