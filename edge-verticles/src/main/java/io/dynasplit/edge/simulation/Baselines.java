package io.dynasplit.edge.simulation;

import io.dynasplit.edge.offline.pool.SimulationPool;
import io.dynasplit.edge.scheduler.FrontIndex;
import io.dynasplit.schemas.FrontEntry;
import java.util.Comparator;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The paper's fixed baselines, found in a pool: {@code cloud} runs everything in the cloud with the
 * edge at its highest frequency and the cloud on its GPU; {@code edge} runs everything on the edge
 * at its highest frequency with its fastest accelerator setting. They need not be on the front.
 */
public final class Baselines {

  private Baselines() {}

  /**
   * The all-cloud baseline: split 0 at the highest measured frequency, on the GPU when one was
   * measured, the fastest such configuration on a tie.
   */
  public static Optional<FrontEntry> cloud(SimulationPool pool) {
    Predicate<FrontEntry> cloudOnly = e -> e.config().split() == 0;
    boolean anyGpu = pool.means().stream().anyMatch(cloudOnly.and(e -> "gpu".equals(e.config().cloudAccelerator())));
    Predicate<FrontEntry> wanted = anyGpu ? cloudOnly.and(e -> "gpu".equals(e.config().cloudAccelerator())) : cloudOnly;
    return highestFrequencyFastest(pool, wanted);
  }

  /** The all-edge baseline: the fastest all-edge configuration at the highest measured frequency. */
  public static Optional<FrontEntry> edge(SimulationPool pool) {
    return highestFrequencyFastest(pool, FrontIndex::isAllEdge);
  }

  private static Optional<FrontEntry> highestFrequencyFastest(SimulationPool pool, Predicate<FrontEntry> filter) {
    return pool.means().stream()
        .filter(filter)
        .min(Comparator.comparingInt((FrontEntry e) -> -e.config().cpuFreqMHz())
            .thenComparingDouble(FrontEntry::latencyMs)
            .thenComparingDouble(FrontEntry::energyJ));
  }
}
