package io.dynasplit.app.command;

import io.dynasplit.optimizer.Objectives;
import io.dynasplit.schemas.FrontEntry;
import java.util.Collection;
import java.util.Locale;
import java.util.function.Supplier;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The {@code --objectives} option shared by {@code optimize} and {@code front}, and how its lists
 * parse.
 */
public final class ObjectivesOption {

  @Option(
      names = "--objectives",
      paramLabel = "LIST",
      defaultValue = "auto",
      description =
          "auto (fidelity where it varies), latency,energy or latency,energy,fidelity (default:"
              + " ${DEFAULT-VALUE})")
  String text;

  /**
   * The objectives this option names; {@code auto} gives what {@code auto} supplies.
   *
   * @throws ParameterException naming the option when the list is none of the accepted ones
   */
  Objectives resolve(CommandSpec spec, Supplier<Objectives> auto) {
    return parse(spec, text, auto);
  }

  /**
   * The objectives this option names for a search or a comparison over {@code entries}: {@code
   * auto} is {@link Objectives#forEntries}; fidelity named explicitly needs every entry to have
   * one.
   *
   * @throws ParameterException naming the option when the list is none of the accepted ones, or
   *     names fidelity while some entries have none (a pool from a two-objective study)
   */
  Objectives resolve(CommandSpec spec, Collection<FrontEntry> entries) {
    return parse(spec, text, entries);
  }

  /** {@link #resolve(CommandSpec, Collection)} of an {@code --objectives} list. */
  static Objectives parse(CommandSpec spec, String text, Collection<FrontEntry> entries) {
    Objectives o = parse(spec, text, () -> Objectives.forEntries(entries));
    long without = entries.stream().filter(e -> e.fidelity() == null).count();
    if (o.hasFidelity() && without > 0) {
      throw new ParameterException(
          spec.commandLine(),
          "--objectives "
              + text
              + ": "
              + without
              + " of "
              + entries.size()
              + " configurations have no fidelity (a pool without an accuracy column); use auto"
              + " or latency,energy");
    }
    return o;
  }

  /**
   * The objectives of an {@code --objectives} list: {@code auto} (what {@code auto} supplies),
   * {@code latency,energy} or {@code latency,energy,fidelity}; spaces and case do not matter.
   *
   * @throws ParameterException naming the option when the list is none of these
   */
  static Objectives parse(CommandSpec spec, String text, Supplier<Objectives> auto) {
    return switch (text.replace(" ", "").toLowerCase(Locale.ROOT)) {
      case "auto" -> auto.get();
      case "latency,energy" -> Objectives.LATENCY_ENERGY;
      case "latency,energy,fidelity" -> Objectives.LATENCY_ENERGY_FIDELITY;
      default ->
          throw new ParameterException(
              spec.commandLine(),
              "--objectives must be auto, latency,energy or latency,energy,fidelity: " + text);
    };
  }
}
