package io.dynasplit.optimizer.simulation;

import io.dynasplit.schemas.Configuration;
import java.util.Objects;

/**
 * What happened to one simulated request under one strategy.
 *
 * @param strategy the strategy's name
 * @param index the request's 0-based index in the workload
 * @param slaMs the request's SLA
 * @param config the configuration chosen
 * @param predictedLatencyMs the latency the strategy expected when it chose
 * @param latencyMs the latency of the measured run drawn, under the scenario's conditions
 * @param edgeEnergyJ edge energy of the run
 * @param cloudEnergyJ cloud energy of the run
 * @param slaMet whether {@code latencyMs <= slaMs}
 * @param bandwidthFactor the scenario's bandwidth factor for this request
 * @param cloudLoadFactor the scenario's cloud load factor for this request
 */
public record RequestOutcome(
    String strategy,
    int index,
    double slaMs,
    Configuration config,
    double predictedLatencyMs,
    double latencyMs,
    double edgeEnergyJ,
    double cloudEnergyJ,
    boolean slaMet,
    double bandwidthFactor,
    double cloudLoadFactor) {

  /** Checks the references and the index. */
  public RequestOutcome {
    Objects.requireNonNull(strategy, "strategy");
    Objects.requireNonNull(config, "config");
    if (index < 0) {
      throw new IllegalArgumentException("index must be >= 0: " + index);
    }
  }

  /** Total energy of the run. */
  public double energyJ() {
    return edgeEnergyJ + cloudEnergyJ;
  }
}
