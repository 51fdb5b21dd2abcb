package io.dynasplit.app.command;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The {@code --config FILE} option of {@code edge}, {@code cloud} and {@code up}: option values
 * from a file (read by {@link ConfigFileDefaults}); flags on the command line override it.
 */
public final class ConfigFileOption {

  /** The option's name, which {@link ConfigFileDefaults} looks up. */
  static final String NAME = "--config";

  @Option(
      names = NAME,
      paramLabel = "FILE",
      description =
          "option values from a .properties or .json file whose keys are the long option names"
              + " without dashes (edge-id=pi-1, broker-host=..., models=a,b); flags given here"
              + " override it")
  Path file;
}
