package io.dynasplit.app.command;

import picocli.CommandLine.Option;

/** The broker connection options shared by {@code edge}, {@code cloud}, {@code request} and {@code loadgen}. */
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

  /** The password from the environment, or null. */
  String password() {
    return username == null ? null : System.getenv(passwordEnv);
  }
}
