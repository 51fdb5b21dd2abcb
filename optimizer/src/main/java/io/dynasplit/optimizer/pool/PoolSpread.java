package io.dynasplit.optimizer.pool;

import io.dynasplit.schemas.Configuration;
import io.dynasplit.schemas.FrontEntry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Makes a pool whose runs spread more widely from run to run than a measured one, seeded: each
 * configuration keeps its mean figures and gets {@code runs} new runs whose deviations from that
 * mean are the measured ones multiplied by {@code factor}.
 *
 * <p>A run's deviation is relative, part by part: head, transfer and tail time, edge and cloud
 * energy, each as {@code run / mean - 1} of its configuration (a part whose mean is 0 has none). A
 * configuration measured at least twice draws its new runs' deviations from its own runs; one
 * measured once (735 of the VGG16 pool's 747) has no spread of its own and borrows it: it draws
 * from the runs of every configuration measured at least twice with the same positive parts (an
 * all-edge configuration from the all-edge ones, one that uses the cloud from those that do), else
 * from those whose positive parts include its own, else from all. The deviations drawn for a
 * configuration are centred on their mean before they are multiplied, so its mean stays what was
 * measured (up to the clamp: a part driven below 0 counts as 0). A new run's latency is the mean
 * latency plus the change of its three time parts; its 95th percentile is its latency (one run);
 * bytes and fidelity are the mean's.
 *
 * <p>Deterministic: the same pool, factor, runs and seed give the same runs.
 */
public final class PoolSpread {

  private static final int PARTS = 5;

  private PoolSpread() {}

  /**
   * The widened runs of every measured configuration, in the pool's order.
   *
   * @param pool the measured pool
   * @param factor how many times the measured deviations, >= 0 (0: every run is the mean; 1: the
   *     measured spread, lent to configurations measured once)
   * @param runs how many runs each configuration gets, >= 1
   * @param seed the seed of the draws
   * @return a pool over the same space, named after the source
   * @throws IllegalArgumentException if no configuration was measured twice (there is no spread to
   *     widen), or an argument is out of range
   */
  public static SimulationPool widen(SimulationPool pool, double factor, int runs, long seed) {
    Objects.requireNonNull(pool, "pool");
    if (!(factor >= 0) || Double.isInfinite(factor)) {
      throw new IllegalArgumentException("factor must be a finite number >= 0: " + factor);
    }
    if (runs < 1) {
      throw new IllegalArgumentException("runs must be >= 1: " + runs);
    }
    List<Deviation> measured = new ArrayList<>();
    for (Configuration c : pool.configurations()) {
      List<FrontEntry> rows = pool.rows(c);
      if (rows.size() >= 2) {
        FrontEntry mean = pool.mean(c).orElseThrow();
        for (FrontEntry r : rows) {
          measured.add(Deviation.of(r, mean));
        }
      }
    }
    if (measured.isEmpty()) {
      throw new IllegalArgumentException(
          pool.source()
              + ": no configuration was measured more than once, so the pool has no run-to-run"
              + " spread to widen");
    }
    SplittableRandom random = new SplittableRandom(seed);
    List<FrontEntry> out = new ArrayList<>(pool.size() * runs);
    for (Configuration c : pool.configurations()) {
      FrontEntry mean = pool.mean(c).orElseThrow();
      List<Deviation> from = donors(pool, c, mean, measured);
      double[][] drawn = new double[runs][];
      double[] centre = new double[PARTS];
      for (int i = 0; i < runs; i++) {
        drawn[i] = from.get(random.nextInt(from.size())).relative();
        for (int k = 0; k < PARTS; k++) {
          centre[k] += drawn[i][k] / runs;
        }
      }
      for (int i = 0; i < runs; i++) {
        double[] d = new double[PARTS];
        for (int k = 0; k < PARTS; k++) {
          d[k] = factor * (runs >= 2 ? drawn[i][k] - centre[k] : 0);
        }
        out.add(apply(mean, d));
      }
    }
    return SimulationPool.of(
        pool.model(),
        pool.source() + " widened x" + factor + " (" + runs + " runs, seed " + seed + ")",
        pool.space(),
        out);
  }

  /** The deviations a configuration's new runs are drawn from (see the class comment). */
  private static List<Deviation> donors(
      SimulationPool pool, Configuration c, FrontEntry mean, List<Deviation> measured) {
    List<FrontEntry> rows = pool.rows(c);
    if (rows.size() >= 2) {
      return rows.stream().map(r -> Deviation.of(r, mean)).toList();
    }
    boolean[] needs = positive(mean);
    List<Deviation> same =
        measured.stream().filter(d -> Arrays.equals(d.positive(), needs)).toList();
    if (!same.isEmpty()) {
      return same;
    }
    List<Deviation> covering = measured.stream().filter(d -> covers(d.positive(), needs)).toList();
    return covering.isEmpty() ? measured : covering;
  }

  private static boolean covers(boolean[] has, boolean[] needs) {
    for (int k = 0; k < PARTS; k++) {
      if (needs[k] && !has[k]) {
        return false;
      }
    }
    return true;
  }

  private static double[] parts(FrontEntry e) {
    return new double[] {e.headMs(), e.transferMs(), e.tailMs(), e.edgeEnergyJ(), e.cloudEnergyJ()};
  }

  private static boolean[] positive(FrontEntry e) {
    double[] p = parts(e);
    boolean[] out = new boolean[PARTS];
    for (int k = 0; k < PARTS; k++) {
      out[k] = p[k] > 0;
    }
    return out;
  }

  private static FrontEntry apply(FrontEntry mean, double[] d) {
    double[] m = parts(mean);
    double[] x = new double[PARTS];
    for (int k = 0; k < PARTS; k++) {
      x[k] = Math.max(0, m[k] * (1 + d[k]));
    }
    double latency = Math.max(0, mean.latencyMs() + (x[0] - m[0]) + (x[1] - m[1]) + (x[2] - m[2]));
    return new FrontEntry(
        mean.config(),
        latency,
        latency,
        x[0],
        x[1],
        x[2],
        mean.bytes(),
        x[3],
        x[4],
        mean.fidelity(),
        1);
  }

  /**
   * One measured run's relative deviation from its configuration's mean, part by part, and which
   * parts are positive there.
   */
  private record Deviation(double[] relative, boolean[] positive) {
    static Deviation of(FrontEntry run, FrontEntry mean) {
      double[] r = parts(run);
      double[] m = parts(mean);
      double[] d = new double[PARTS];
      for (int k = 0; k < PARTS; k++) {
        d[k] = m[k] > 0 ? r[k] / m[k] - 1 : 0;
      }
      return new Deviation(d, PoolSpread.positive(mean));
    }
  }
}
