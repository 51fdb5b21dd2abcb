package io.dynasplit.app;

import io.dynasplit.schemas.mqtt.BrokerConnection;
import picocli.CommandLine.Option;

/**
 * The broker connection options of every command that talks to a broker as a client: {@code edge},
 * {@code cloud}, {@code request} and {@code optimize --publish}.
 */
public final class BrokerOptions {

  @Option(names = "--broker-host", paramLabel = "HOST", defaultValue = "localhost",
      description = "MQTT broker host (default: ${DEFAULT-VALUE})")
  String host;

  @Option(names = {"--broker-port", "--port"}, paramLabel = "PORT", defaultValue = "1883",
      description = "MQTT broker port (default: ${DEFAULT-VALUE})")
  int port;

  @Option(names = "--username", paramLabel = "USER", description = "broker user name")
  String username;

  @Option(names = "--password-env", paramLabel = "VAR", defaultValue = "DYNASPLIT_MQTT_PASSWORD",
      description = "environment variable holding the broker password (default: ${DEFAULT-VALUE})")
  String passwordEnv;

  /** The broker's address and credentials. */
  BrokerConnection connection() {
    return new BrokerConnection(host, port, username, password());
  }

  /** The password from the environment, or null. */
  String password() {
    return username == null ? null : System.getenv(passwordEnv);
  }
}
