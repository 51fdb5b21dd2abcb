package io.dynasplit.edge.hardware;

import io.dynasplit.energy.EnergyMeter;
import io.dynasplit.scheduler.SwitchCosts;
import io.dynasplit.schemas.Configuration;
import io.vertx.core.Future;
import java.util.List;

/**
 * What the scheduler and the data plane ask of the edge's hardware; {@link HardwareVerticle}
 * implements it.
 *
 * {@snippet :
 * double extraMs = hardware.switchCostMs(candidate);              // scheduler, per candidate: no I/O
 * hardware.apply(chosen).onSuccess(applied -> runHead(request));  // off the event loop, serialized
 * EnergyMeter.Window w = hardware.energyMeter().open();          // data plane, around the edge window
 * }
 */
public interface HardwareControl {

  /**
   * Applies the hardware part of a configuration (CPU frequency, USB accelerator power) unless
   * already in force. Fails with a {@link HardwareException} naming the part.
   */
  Future<AppliedConfiguration> apply(Configuration target);

  /**
   * The predicted cost in milliseconds of switching from the configuration in force to {@code
   * target}.
   */
  double switchCostMs(Configuration target);

  /** The measured cost of each kind of change so far, as the scheduler takes them. */
  SwitchCosts switchCosts();

  /** The CPU frequencies to choose from, in MHz; one when fixed, none when not managed here. */
  List<Integer> cpuFrequenciesMHz();

  /** The {@code edgeAccelerator} values this edge can take. */
  List<String> edgeAccelerators();

  /** The meter for request windows. */
  EnergyMeter energyMeter();

  /** The state now, as telemetry publishes it. */
  HardwareState state();
}
