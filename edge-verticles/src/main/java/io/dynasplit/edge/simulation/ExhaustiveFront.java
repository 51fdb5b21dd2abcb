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

  /**
   * Whether {@code b} is no worse than {@code a} in every objective and better in one. Figures
   * closer than one part in 10^9 count as equal, so that means of identical measurements that
   * differ in the last bit (0.605 and 0.6050000000000001) do not split hairs.
   */
  static boolean dominates(FrontEntry b, FrontEntry a, boolean withFidelity) {
    int latency = compare(b.latencyMs(), a.latencyMs());
    int energy = compare(b.energyJ(), a.energyJ());
    int fidelity = withFidelity ? -compare(b.fidelity(), a.fidelity()) : 0;
    return latency <= 0 && energy <= 0 && fidelity <= 0 && (latency < 0 || energy < 0 || fidelity < 0);
  }

  /** -1, 0 or 1 as {@code x} is below, about equal to or above {@code y}. */
  private static int compare(double x, double y) {
    double tolerance = 1e-9 * Math.max(Math.abs(x), Math.abs(y));
    if (Math.abs(x - y) <= tolerance) {
      return 0;
    }
    return x < y ? -1 : 1;
  }
}
