package io.dynasplit.schemas;

import java.util.Objects;

/**
 * An energy figure in joules with where it came from.
 *
 * @param joules the energy
 * @param source the meter (or {@code model} for an estimate)
 */
public record MeasuredEnergy(double joules, EnergySource source) {

  /** Checks the figure and the source. */
  public MeasuredEnergy {
    Checks.nonNegative("energy.joules", joules);
    Objects.requireNonNull(source, "energy.source");
  }
}
