package io.dynasplit.optimizer;

import io.dynasplit.optimizer.pool.SimulationPool;
import io.dynasplit.schemas.Configuration;
import io.dynasplit.schemas.FrontEntry;
import java.util.Objects;
import java.util.Optional;

/**
 * Evaluates a configuration from a simulation pool: the mean of its measured runs, or empty when
 * the pool never measured it (the paper's VGG16 pool measured 747 of the 917 valid configurations).
 *
 * <p>The optimizer counts an unmeasured configuration as one evaluation spent (as a failed
 * measurement on the testbed would be), records it in the trials file as unmeasured, and gives it
 * the {@link Objectives#penalty() penalty} figures, so it never enters a front. It neither guesses
 * figures for it nor knows beforehand which configurations the pool lacks.
 */
public final class PoolEvaluator implements ConfigurationEvaluator {

  private final SimulationPool pool;

  /** An evaluator over a pool. */
  public PoolEvaluator(SimulationPool pool) {
    this.pool = Objects.requireNonNull(pool, "pool");
  }

  /** The pool. */
  public SimulationPool pool() {
    return pool;
  }

  @Override
  public Optional<FrontEntry> evaluate(Configuration configuration) {
    return pool.mean(configuration);
  }
}
