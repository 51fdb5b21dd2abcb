package io.dynasplit.app.command;

import io.dynasplit.app.http.HttpSettings;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The {@code --http-port} option of {@code edge}, {@code cloud} and {@code up}: where the process
 * serves {@code /metrics}, {@code /health/*} and its dashboard.
 */
public final class HttpOption {

  @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
  CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--http-port",
      paramLabel = "PORT",
      description =
          "port of the HTTP endpoint (/metrics for Prometheus, /health/live, /health/ready, the"
              + " dashboard at /); 0 = none (default: "
              + HttpSettings.UP_PORT
              + " for up, "
              + HttpSettings.EDGE_PORT
              + " for edge, "
              + HttpSettings.CLOUD_PORT
              + " for cloud)")
  Integer httpPort;

  /**
   * Where the endpoint listens.
   *
   * @param rolePort the command's default port
   * @param host the address to bind
   */
  HttpSettings settings(int rolePort, String host) {
    int port = httpPort == null ? rolePort : httpPort;
    try {
      return new HttpSettings(host, port);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--http-port must be in 0..65535: " + port, e);
    }
  }
}
