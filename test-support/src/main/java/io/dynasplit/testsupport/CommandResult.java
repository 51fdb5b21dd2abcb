package io.dynasplit.testsupport;

import java.util.Objects;

/**
 * How a command line client ended.
 *
 * @param exitCode the process's exit status
 * @param output what it wrote to stdout and stderr, interleaved
 */
public record CommandResult(int exitCode, String output) {

  /** Checks the output is present. */
  public CommandResult {
    Objects.requireNonNull(output, "output");
  }

  /**
   * Whether the command exited with 0 and reported no refused operation.
   *
   * <p>{@code mosquitto_pub} exits with 0 even when the broker refuses a QoS 1 publish (MQTT 5
   * reason code "not authorized"); it only prints a warning, which this check also catches.
   */
  public boolean succeeded() {
    return exitCode == 0 && output.lines().noneMatch(CommandResult::reportsFailure);
  }

  /**
   * The mosquitto clients' failure lines: "Error: ...", "Connection error: ...", "Warning: Publish
   * 1 failed: ...".
   */
  private static boolean reportsFailure(String line) {
    return line.startsWith("Error")
        || line.startsWith("Connection error")
        || (line.startsWith("Warning:") && line.contains("failed"));
  }
}
