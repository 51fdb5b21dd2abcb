package io.dynasplit.edge.simulation;

import io.dynasplit.edge.offline.pool.SimulationPool;
import io.dynasplit.schemas.FrontEntry;
import io.dynasplit.schemas.ParetoFront;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The exhaustive Pareto front of a pool: the configurations whose mean latency, energy and fidelity
 * no other configuration beats in all three (the paper's {@code splinter:latency_exhaustive}
 * front). Fidelity counts only when every configuration has one.
 *
 * @implNote O(n^2) over the pool's configurations: a few milliseconds for the paper's 747.
 */
public final class ExhaustiveFront {

  private ExhaustiveFront() {}

  /** The front of the pool's mean figures. */
  public static ParetoFront of(SimulationPool pool) {
    List<FrontEntry> means = pool.means();
    boolean withFidelity = means.stream().allMatch(e -> e.fidelity() != null);
    List<FrontEntry> front = new ArrayList<>();
    for (FrontEntry a : means) {
      boolean dominated = false;
      for (FrontEntry b : means) {
        if (b != a && dominates(b, a, withFidelity)) {
          dominated = true;
          break;
        }
      }
      if (!dominated) {
        front.add(a);
      }
    }
    return new ParetoFront(ParetoFront.SCHEMA_VERSION, pool.model(), "pool", Instant.now().toString(), front);
  }

  /** Whether {@code b} is no worse than {@code a} in every objective and better in one. */
  static boolean dominates(FrontEntry b, FrontEntry a, boolean withFidelity) {
    double fa = withFidelity ? a.fidelity() : 0;
    double fb = withFidelity ? b.fidelity() : 0;
    boolean noWorse = b.latencyMs() <= a.latencyMs() && b.energyJ() <= a.energyJ() && fb >= fa;
    boolean better = b.latencyMs() < a.latencyMs() || b.energyJ() < a.energyJ() || fb > fa;
    return noWorse && better;
  }
}
