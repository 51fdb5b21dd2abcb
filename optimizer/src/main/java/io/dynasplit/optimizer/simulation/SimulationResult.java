package io.dynasplit.optimizer.simulation;

import java.util.List;
import java.util.Objects;

/**
 * The result of a simulation: one summary per strategy and every request's outcome.
 *
 * @param summaries one per strategy, in the order the strategies were given
 * @param outcomes every request of every strategy, strategy by strategy in request order
 * @param cloudReferenceJ the energy per request the savings are measured against: the simulated
 *     {@code cloud} strategy's when it ran, else the all-cloud baseline's pool mean
 */
public record SimulationResult(
    List<StrategySummary> summaries, List<RequestOutcome> outcomes, double cloudReferenceJ) {

  /** Freezes the lists. */
  public SimulationResult {
    summaries = List.copyOf(Objects.requireNonNull(summaries, "summaries"));
    outcomes = List.copyOf(Objects.requireNonNull(outcomes, "outcomes"));
  }

  /** The outcomes of one strategy, in request order. */
  public List<RequestOutcome> outcomesOf(String strategy) {
    return outcomes.stream().filter(o -> o.strategy().equals(strategy)).toList();
  }

  /** The summary of one strategy. */
  public StrategySummary summaryOf(String strategy) {
    return summaries.stream()
        .filter(s -> s.strategy().equals(strategy))
        .findFirst()
        .orElseThrow(
            () -> new IllegalArgumentException("no strategy " + strategy + " in this result"));
  }
}
