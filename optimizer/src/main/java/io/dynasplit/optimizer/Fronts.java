package io.dynasplit.optimizer;

import io.dynasplit.optimizer.pool.SimulationPool;
import io.dynasplit.schemas.FrontEntry;
import io.dynasplit.schemas.ParetoFront;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Pareto fronts of measured entries: the non-dominated subset, in latency order. */
public final class Fronts {

  /** Latency, then energy, then the configuration's split: the order fronts are written in. */
  public static final Comparator<FrontEntry> LATENCY_ORDER =
      Comparator.comparingDouble(FrontEntry::latencyMs)
          .thenComparingDouble(FrontEntry::energyJ)
          .thenComparingInt(e -> e.config().split());

  private Fronts() {}

  /**
   * The entries no other entry dominates under the objectives, sorted by {@link #LATENCY_ORDER}.
   * Entries with equal objective vectors are all kept.
   *
   * @implNote O(n^2 k) for n entries and k objectives; 917 entries take well under a millisecond.
   */
  public static List<FrontEntry> nonDominated(List<FrontEntry> entries, Objectives objectives) {
    int n = entries.size();
    int k = objectives.size();
    double[][] v = new double[n][];
    for (int i = 0; i < n; i++) {
      v[i] = objectives.scaled(entries.get(i));
    }
    List<FrontEntry> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      boolean dominated = false;
      for (int j = 0; j < n && !dominated; j++) {
        if (j != i && dominates(v[j], v[i], k)) {
          dominated = true;
        }
      }
      if (!dominated) {
        out.add(entries.get(i));
      }
    }
    out.sort(LATENCY_ORDER);
    return out;
  }

  /**
   * The exhaustive front of a pool: the {@link #nonDominated non-dominated} subset of its mean
   * figures under {@link Objectives#forEntries} (latency and energy, and fidelity where it varies),
   * the one definition the optimizer's exhaustive mode, {@code front}'s comparisons and the
   * simulator share.
   *
   * @param pool the measured configurations
   * @param createdAt the front's creation time
   */
  public static ParetoFront exhaustive(SimulationPool pool, Instant createdAt) {
    List<FrontEntry> means = pool.means();
    return new ParetoFront(
        ParetoFront.SCHEMA_VERSION,
        pool.model(),
        "exhaustive",
        createdAt.toString(),
        nonDominated(means, Objectives.forEntries(means)));
  }

  static boolean dominates(double[] a, double[] b, int k) {
    boolean better = false;
    for (int d = 0; d < k; d++) {
      if (a[d] > b[d]) {
        return false;
      }
      if (a[d] < b[d]) {
        better = true;
      }
    }
    return better;
  }
}
