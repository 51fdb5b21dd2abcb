package io.dynasplit.app.command;

/**
 * A command that failed while running: {@link io.dynasplit.app.CliErrors} prints its message on one
 * line, {@code dynasplit <cmd>: <message>}, and the command exits 1. A bad parameter is a picocli
 * {@link picocli.CommandLine.ParameterException} instead (exit 2).
 */
public final class CommandFailure extends RuntimeException {

  /** A failure described by {@code message}. */
  public CommandFailure(String message) {
    super(message);
  }
}
