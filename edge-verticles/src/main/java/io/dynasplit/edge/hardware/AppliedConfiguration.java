package io.dynasplit.edge.hardware;

import io.dynasplit.schemas.Configuration;
import java.util.Objects;

/**
 * The outcome of applying a configuration's hardware part.
 *
 * @param configuration the configuration now in force
 * @param cpuFrequencyChanged whether a CPU frequency was written
 * @param acceleratorPowerChanged whether the USB accelerator's power was switched
 * @param millis how long the apply took
 */
public record AppliedConfiguration(
    Configuration configuration,
    boolean cpuFrequencyChanged,
    boolean acceleratorPowerChanged,
    double millis) {

  /** Checks the values. */
  public AppliedConfiguration {
    Objects.requireNonNull(configuration, "configuration");
    if (!(millis >= 0)) {
      throw new IllegalArgumentException("millis must be >= 0: " + millis);
    }
  }

  /** Whether anything changed. */
  public boolean changed() {
    return cpuFrequencyChanged || acceleratorPowerChanged;
  }
}
