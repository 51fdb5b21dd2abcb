package io.dynasplit.optimizer;

import io.dynasplit.optimizer.pool.Trial;
import io.dynasplit.schemas.FrontEntry;
import io.dynasplit.schemas.ParetoFront;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of a search: every trial, the Pareto front of the measured ones, and what the search
 * spent.
 *
 * @param model the model searched
 * @param objectives the objectives of the front
 * @param trials every evaluation, in order (resumed ones first)
 * @param front the non-dominated measured trials, in latency order
 * @param resumed evaluations taken over from an interrupted run
 * @param stats what the strategy reported
 * @param elapsed wall-clock time of the search
 */
public record OptimizationResult(
    String model,
    Objectives objectives,
    List<Trial> trials,
    List<FrontEntry> front,
    int resumed,
    Search.SearchStats stats,
    Duration elapsed) {

  /** Checks the fields and freezes the lists. */
  public OptimizationResult {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(objectives, "objectives");
    trials = List.copyOf(trials);
    front = List.copyOf(front);
    Objects.requireNonNull(stats, "stats");
    Objects.requireNonNull(elapsed, "elapsed");
  }

  /** Evaluations spent, resumed ones included. */
  public int evaluations() {
    return trials.size();
  }

  /** Evaluations of configurations that could not be measured. */
  public long unmeasured() {
    return trials.stream().filter(t -> !t.measured()).count();
  }

  /** The front as the wire's {@link ParetoFront}, with source {@code optimizer}. */
  public ParetoFront toParetoFront(Instant createdAt) {
    return new ParetoFront(
        ParetoFront.SCHEMA_VERSION, model, "optimizer", createdAt.toString(), front);
  }
}
