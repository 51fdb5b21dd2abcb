package io.dynasplit.optimizer.simulation;

import io.dynasplit.optimizer.pool.SimulationPool;
import io.dynasplit.schemas.FrontEntry;
import java.util.List;
import java.util.Optional;

/**
 * The paper's fixed baselines found in a pool, by the scheduler's one definition ({@link
 * io.dynasplit.scheduler.Baselines}): {@code cloud} is split 0 on the cloud's GPU at the edge's
 * highest frequency, {@code edge} everything on the edge at its highest frequency, the fastest such
 * configuration on a tie. They need not be on the front.
 */
public final class PoolBaselines {

  private PoolBaselines() {}

  /** The all-cloud baseline among the pool's configurations. */
  public static Optional<FrontEntry> cloud(SimulationPool pool) {
    List<FrontEntry> means = pool.means();
    int i = io.dynasplit.scheduler.Baselines.cloud(means);
    return i < 0 ? Optional.empty() : Optional.of(means.get(i));
  }

  /** The all-edge baseline among the pool's configurations. */
  public static Optional<FrontEntry> edge(SimulationPool pool) {
    List<FrontEntry> means = pool.means();
    int i = io.dynasplit.scheduler.Baselines.edge(means);
    return i < 0 ? Optional.empty() : Optional.of(means.get(i));
  }
}
