package io.dynasplit.app.command;

import picocli.CommandLine.Option;

/**
 * The {@code --bind} option of {@code edge} and {@code cloud}: where their HTTP endpoint listens.
 */
public final class HttpBindOption {

  @Option(
      names = "--bind",
      paramLabel = "ADDRESS",
      defaultValue = "127.0.0.1",
      description =
          "address the HTTP endpoint listens on (default: ${DEFAULT-VALUE}; 0.0.0.0 for every"
              + " interface)")
  String bind;
}
