package io.dynasplit.optimizer;

/**
 * A search strategy over a configuration space: proposes configurations to an {@link
 * EvaluationCache} until its budget is spent or nothing is left to try.
 *
 * @implNote blocks for the whole search (each evaluation may block); call from a worker thread.
 */
public sealed interface Search permits Nsga2Search, RandomSearch, ExhaustiveSearch {

  /**
   * Runs the search.
   *
   * @param cache the evaluations (possibly resumed), which also holds the budget
   * @return what the search did
   */
  SearchStats run(EvaluationCache cache);

  /**
   * What a search did besides evaluating.
   *
   * @param strategy the strategy's name
   * @param generations generations evolved (0 for a strategy without generations)
   * @param evolveNanos time spent evolving, evaluations included (0 without generations)
   * @param populationFront configurations of the front the strategy itself kept (NSGA-II: {@code
   *     MOEA.toParetoSet} over its populations); empty for strategies that keep none
   */
  record SearchStats(
      String strategy,
      long generations,
      long evolveNanos,
      java.util.List<io.dynasplit.schemas.Configuration> populationFront) {

    /** Checks the figures and freezes the list. */
    public SearchStats {
      java.util.Objects.requireNonNull(strategy, "strategy");
      if (generations < 0) {
        throw new IllegalArgumentException("generations must be >= 0: " + generations);
      }
      if (evolveNanos < 0) {
        throw new IllegalArgumentException("evolveNanos must be >= 0: " + evolveNanos);
      }
      populationFront = java.util.List.copyOf(populationFront);
    }

    /** Mean time per generation in ms; 0 without generations. */
    public double msPerGeneration() {
      return generations == 0 ? 0 : evolveNanos / 1e6 / generations;
    }
  }
}
