package io.dynasplit.app.command;

import picocli.CommandLine.Command;

/** {@code dynasplit bench}: benchmarks that compare our path against the floor of the same work. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Benchmarks of the running system, side by side with the floor of the same work.",
    subcommands = {BenchDataplaneCommand.class, BenchCodecsCommand.class})
public final class BenchCommand implements Runnable {

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
