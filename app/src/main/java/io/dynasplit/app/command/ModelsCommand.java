package io.dynasplit.app.command;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code dynasplit models}: the model catalog (list, generate the reference models, export). */
@Command(
    name = "models",
    mixinStandardHelpOptions = true,
    description =
        "The model catalog: real pretrained models read from dependency jars, and the paper's"
            + " reference architectures generated with SYNTHETIC (seeded random) weights.",
    subcommands = {
      ModelsListCommand.class,
      ModelsGenerateCommand.class,
      ModelsExportCommand.class,
      ModelsBenchCommand.class,
    })
public final class ModelsCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
