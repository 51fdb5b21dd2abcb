package io.dynasplit.app.command;

import io.dynasplit.schemas.mqtt.BrokerConnection;
import picocli.CommandLine.Option;

/**
 * The client side broker options of every command that talks to a broker ({@code edge}, {@code
 * cloud}, {@code request}, {@code optimize --publish}): {@code --broker-host}, {@code
 * --broker-port}, {@code --username} and {@code --password-env}, a picocli mixin.
 */
public final class BrokerOptions {

  // host and port are set through methods, with their defaults here, so that the hidden old
  // spellings (--port; optimize's --broker HOST:PORT) are not overwritten by a default
  String host = "localhost";

  int port = 1883;

  @Option(names = "--username", paramLabel = "USER", description = "broker user name")
  String username;

  @Option(
      names = "--password-env",
      paramLabel = "VAR",
      defaultValue = "DYNASPLIT_MQTT_PASSWORD",
      description = "environment variable holding the broker password (default: ${DEFAULT-VALUE})")
  String passwordEnv;

  @Option(
      names = "--broker-host",
      paramLabel = "HOST",
      description = "MQTT broker host (default: localhost)")
  void host(String value) {
    host = value;
  }

  @Option(
      names = "--broker-port",
      paramLabel = "PORT",
      description = "MQTT broker port (default: 1883)")
  void port(int value) {
    port = value;
  }

  /** Deprecated spelling of {@code --broker-port}, kept working but hidden from the help. */
  @Option(names = "--port", paramLabel = "PORT", hidden = true)
  void deprecatedPort(int value) {
    port = value;
  }

  /** The broker's address and credentials. */
  public BrokerConnection connection() {
    return new BrokerConnection(host, port, username, password());
  }

  /** The password from the environment, or null. */
  String password() {
    return username == null ? null : System.getenv(passwordEnv);
  }
}
