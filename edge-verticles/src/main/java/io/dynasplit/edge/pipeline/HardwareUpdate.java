package io.dynasplit.edge.pipeline;

import io.dynasplit.scheduler.SwitchCosts;
import io.dynasplit.schemas.Configuration;
import java.util.Objects;

/**
 * The hardware state the edge is in after applying a configuration, and what changes have cost so
 * far: the scheduler predicts the cost of switching from it ({@code switch(c)} of ARCHITECTURE 6).
 *
 * @param applied the configuration in force
 * @param costs the measured cost of each kind of change
 */
public record HardwareUpdate(Configuration applied, SwitchCosts costs) {

  /** Checks the values. */
  public HardwareUpdate {
    Objects.requireNonNull(applied, "applied");
    Objects.requireNonNull(costs, "costs");
  }
}
