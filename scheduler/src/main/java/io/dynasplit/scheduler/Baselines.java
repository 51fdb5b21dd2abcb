package io.dynasplit.scheduler;

import io.dynasplit.schemas.FrontEntry;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/**
 * The one definition of the paper's fixed baselines, shared by the live {@code cloud} and {@code
 * edge} policies and the simulator: {@code cloud} runs everything in the cloud (split 0) on the
 * cloud's GPU when one is among the candidates, {@code edge} runs everything on the edge; each at
 * the highest CPU frequency among its candidates, the fastest such entry on a tie, then the
 * cheapest.
 */
public final class Baselines {

  private static final Comparator<FrontEntry> HIGHEST_FREQUENCY_FASTEST =
      Comparator.comparingInt((FrontEntry e) -> -e.config().cpuFreqMHz())
          .thenComparingDouble(FrontEntry::latencyMs)
          .thenComparingDouble(FrontEntry::energyJ);

  private Baselines() {}

  /**
   * Position of the all-cloud baseline in {@code entries}; -1 when none runs everything in the
   * cloud.
   */
  public static int cloud(List<FrontEntry> entries) {
    Predicate<FrontEntry> allCloud = e -> e.config().split() == 0;
    Predicate<FrontEntry> onGpu = allCloud.and(e -> "gpu".equals(e.config().cloudAccelerator()));
    return best(entries, entries.stream().anyMatch(onGpu) ? onGpu : allCloud);
  }

  /**
   * Position of the all-edge baseline in {@code entries}; -1 when none runs everything on the edge.
   */
  public static int edge(List<FrontEntry> entries) {
    return best(entries, FrontIndex::isAllEdge);
  }

  private static int best(List<FrontEntry> entries, Predicate<FrontEntry> filter) {
    int best = -1;
    for (int i = 0; i < entries.size(); i++) {
      FrontEntry e = entries.get(i);
      if (filter.test(e)
          && (best < 0 || HIGHEST_FREQUENCY_FASTEST.compare(e, entries.get(best)) < 0)) {
        best = i;
      }
    }
    return best;
  }
}
