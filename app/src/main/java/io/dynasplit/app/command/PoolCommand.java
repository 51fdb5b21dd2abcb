package io.dynasplit.app.command;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code dynasplit pool}: tools over simulation pools (for now, widening their spread). */
@Command(
    name = "pool",
    mixinStandardHelpOptions = true,
    description = "Tools over simulation pools of measured runs.",
    subcommands = {PoolWidenCommand.class})
public final class PoolCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
