package io.dynasplit.app;

import io.dynasplit.app.command.BenchCommand;
import io.dynasplit.app.command.BrokerCommand;
import io.dynasplit.app.command.CloudCommand;
import io.dynasplit.app.command.DemoCommand;
import io.dynasplit.app.command.EdgeCommand;
import io.dynasplit.app.command.FrontCommand;
import io.dynasplit.app.command.HwCommand;
import io.dynasplit.app.command.ModelsCommand;
import io.dynasplit.app.command.OptimizeCommand;
import io.dynasplit.app.command.PoolCommand;
import io.dynasplit.app.command.ProfileCommand;
import io.dynasplit.app.command.RequestCommand;
import io.dynasplit.app.command.SimulateCommand;
import io.dynasplit.app.command.SplitCommand;
import io.dynasplit.app.command.UpCommand;
import io.dynasplit.app.command.VersionCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code dynasplit} command line: the root command and its subcommands.
 *
 * <p>Each subcommand is a small class in {@link io.dynasplit.app.command}; this class only lists
 * them.
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
      DemoCommand.class,
      OptimizeCommand.class,
      FrontCommand.class,
      PoolCommand.class,
      BenchCommand.class,
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
