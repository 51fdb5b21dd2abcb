package io.dynasplit.app.command;

import io.dynasplit.broker.BrokerPersistence;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The {@code --persistence} option of the embedded broker, shared by {@code broker} and {@code up}.
 */
public final class BrokerPersistenceOption {

  @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
  CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--persistence",
      paramLabel = "memory|file",
      defaultValue = "memory",
      description =
          "where the broker keeps sessions, queued and retained messages: memory (default; no"
              + " message touches the disk, a restart starts empty) or file (they survive a"
              + " restart, and every payload routed, intermediate tensors included, is written"
              + " to the data folder)")
  String persistence;

  /** The persistence the option names. */
  BrokerPersistence persistence() {
    try {
      return BrokerPersistence.parse(persistence);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
    }
  }
}
