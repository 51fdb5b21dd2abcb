package io.dynasplit.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code dynasplit} command line: the root command and its subcommands.
 *
 * <p>Each subcommand is a small class in this package; this class only lists them.
 */
@Command(
    name = "dynasplit",
    mixinStandardHelpOptions = true,
    versionProvider = VersionCommand.Provider.class,
    description = "Energy-aware split inference at the edge: MQTT, ONNX Runtime, Vert.x.",
    subcommands = {
      VersionCommand.class,
      BrokerCommand.class,
      ModelsCommand.class,
      SplitCommand.class,
      UpCommand.class,
      EdgeCommand.class,
      CloudCommand.class,
      RequestCommand.class,
      ProfileCommand.class,
      HwCommand.class,
      SimulateCommand.class,
      OptimizeCommand.class,
      FrontCommand.class,
      CommandLine.HelpCommand.class,
    })
public final class DynasplitCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Entry point of the runnable jar. */
  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured command line, shared by {@link #main} and tests. */
  public static CommandLine commandLine() {
    return new CommandLine(new DynasplitCommand())
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setExecutionExceptionHandler(new CliErrors())
        .setUsageHelpAutoWidth(true);
  }
}
