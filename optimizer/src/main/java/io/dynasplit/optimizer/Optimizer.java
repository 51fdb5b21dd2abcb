package io.dynasplit.optimizer;

import io.dynasplit.optimizer.pool.Trial;
import io.dynasplit.schemas.FrontEntry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a {@link Search} over an {@link EvaluationCache} and builds the front of every measured
 * trial.
 *
 * {@snippet :
 * SimulationPool pool = PoolFiles.read(Path.of("simulation_pool_vgg16.csv"), "vgg16");
 * Objectives objectives = Objectives.forEntries(pool.means());
 * Budget budget = Budget.fractionOf(0.1, pool.space().size());        // 92 evaluations
 * EvaluationCache cache = EvaluationCache.inMemory("vgg16", new PoolEvaluator(pool), budget);
 * Search search = new Nsga2Search(pool.space(), objectives, Nsga2Settings.DEFAULT, 1);
 * OptimizationResult result = Optimizer.run(search, cache, objectives);
 * }
 *
 * <p>The front is computed from the trials rather than from the last population, so no measured
 * point is lost, whatever the strategy.
 *
 * @implNote blocks for the whole search; call from a worker thread.
 */
public final class Optimizer {

  private Optimizer() {}

  /** Runs the search to the end of its budget and returns the front of what it measured. */
  public static OptimizationResult run(
      Search search, EvaluationCache cache, Objectives objectives) {
    long start = System.nanoTime();
    Search.SearchStats stats = search.run(cache);
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    List<Trial> trials = cache.trials();
    List<FrontEntry> measured = new ArrayList<>();
    for (Trial t : trials) {
      if (t.entry() != null) {
        measured.add(t.entry());
      }
    }
    return new OptimizationResult(
        cache.model(),
        objectives,
        trials,
        Fronts.nonDominated(measured, objectives),
        cache.resumed(),
        stats,
        elapsed);
  }
}
