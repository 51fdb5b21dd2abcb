package io.dynasplit.optimizer;

import io.dynasplit.schemas.FrontEntry;
import java.util.List;

/**
 * How much energy per request a configuration is expected to save the online scheduler if it were
 * added to the front measured so far: the acquisition by which {@link SurrogateScreen} picks what
 * to measure next.
 *
 * <p>The scheduler serves a request with the least-energy entry whose latency meets its SLA (else
 * the fastest). The measured front thus cuts the range of SLAs into bands, each served at one
 * entry's energy. A candidate with latency {@code L} and uncertain energy {@code E} would serve the
 * SLAs at or above {@code L} in each band whose cost it beats, so its expected saving is, over the
 * bands, the share of SLAs it could serve times the expected improvement {@code E[(cost - E)+]},
 * with {@code E} log-normal ({@link KnobSurrogate.Prediction}).
 *
 * <p>The SLAs are a prior, not a workload: log-uniform over the measured latencies' range (every
 * order of magnitude of SLA as likely), so the search favours no deployment's workload and still
 * values a saving by how many requests it would touch.
 *
 * @implNote immutable; {@link #of} is O(front size x log grid).
 */
final class ExpectedSaving {

  /** Points of the SLA prior's grid. */
  static final int SLA_GRID = 256;

  private final double[] bandStartMs;
  private final double[] bandCostJ;
  private final double[] slaGridMs;

  /**
   * The acquisition for a measured front.
   *
   * @param measured every measured entry so far (the latency-energy front is taken from them); at
   *     least one
   */
  ExpectedSaving(List<FrontEntry> measured) {
    if (measured.isEmpty()) {
      throw new IllegalArgumentException("no measured entries");
    }
    // dominance on the objectives' log scales is dominance on the figures themselves
    List<FrontEntry> front = Fronts.nonDominated(measured, Objectives.LATENCY_ENERGY);
    bandStartMs = new double[front.size()];
    bandCostJ = new double[front.size()];
    for (int i = 0; i < front.size(); i++) {
      bandStartMs[i] = i == 0 ? 0 : front.get(i).latencyMs();
      bandCostJ[i] = front.get(i).energyJ();
    }
    double fastest = measured.stream().mapToDouble(FrontEntry::latencyMs).min().orElseThrow();
    double slowest = measured.stream().mapToDouble(FrontEntry::latencyMs).max().orElseThrow();
    double lo = Math.log(Math.max(fastest, KnobSurrogate.MIN_FIGURE));
    double hi = Math.log(Math.max(slowest, KnobSurrogate.MIN_FIGURE));
    slaGridMs = new double[SLA_GRID];
    for (int i = 0; i < SLA_GRID; i++) {
      slaGridMs[i] = Math.exp(lo + (i + 0.5) / SLA_GRID * (hi - lo));
    }
  }

  /** The expected saving in joules per request of a configuration the model predicts. */
  double of(KnobSurrogate.Prediction p) {
    double saving = 0;
    for (int i = 0; i < bandCostJ.length; i++) {
      double from = Math.max(bandStartMs[i], p.latencyMs());
      double to = i + 1 < bandStartMs.length ? bandStartMs[i + 1] : Double.POSITIVE_INFINITY;
      if (from >= to) {
        continue;
      }
      double share = (double) (lowerBound(slaGridMs, to) - lowerBound(slaGridMs, from)) / SLA_GRID;
      if (share > 0) {
        saving += share * expectedImprovement(bandCostJ[i], p.logEnergyMean(), p.logEnergySigma());
      }
    }
    return saving;
  }

  /** E[(cost - X)+] for X log-normal with log-mean mu and log-sd sigma. */
  static double expectedImprovement(double cost, double mu, double sigma) {
    if (cost <= 0) {
      return 0;
    }
    double z = (Math.log(cost) - mu) / sigma;
    return Math.max(
        0, cost * normalCdf(z) - Math.exp(mu + sigma * sigma / 2) * normalCdf(z - sigma));
  }

  /** The standard normal distribution function (Abramowitz and Stegun 26.2.17). */
  static double normalCdf(double x) {
    if (x < -38) {
      return 0;
    }
    if (x > 38) {
      return 1;
    }
    // Abramowitz and Stegun 26.2.17, absolute error below 7.5e-8
    double t = 1 / (1 + 0.2316419 * Math.abs(x));
    double poly =
        t
            * (0.319381530
                + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
    double tail = Math.exp(-x * x / 2) / Math.sqrt(2 * Math.PI) * poly;
    return x >= 0 ? 1 - tail : tail;
  }

  private static int lowerBound(double[] sorted, double x) {
    int lo = 0;
    int hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] < x) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
