package io.dynasplit.optimizer.pool;

import io.dynasplit.schemas.Configuration;
import io.dynasplit.schemas.FrontEntry;
import java.util.Objects;

/**
 * One evaluation of the optimizer: a configuration and what measuring it gave, one line of a trials
 * file.
 *
 * @param number the 1-based position of this evaluation in its run
 * @param model the model (network) evaluated
 * @param config the configuration
 * @param entry the figures, or null when the configuration could not be measured (a simulation pool
 *     without a run of it)
 */
public record Trial(int number, String model, Configuration config, FrontEntry entry) {

  /** Checks every field. */
  public Trial {
    if (number < 1) {
      throw new IllegalArgumentException("number must be >= 1: " + number);
    }
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(config, "config");
    if (entry != null && !entry.config().equals(config)) {
      throw new IllegalArgumentException("entry is for " + entry.config() + ", not " + config);
    }
  }

  /** Whether the configuration was measured. */
  public boolean measured() {
    return entry != null;
  }
}
