package io.dynasplit.optimizer.simulation;

import io.dynasplit.schemas.Quantiles;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One strategy's results over a workload: the row of {@code summary.csv}.
 *
 * @param strategy the strategy's name
 * @param requests how many requests ran
 * @param energyJ mean energy per request, edge plus cloud
 * @param edgeEnergyJ mean edge energy per request
 * @param cloudEnergyJ mean cloud energy per request
 * @param latencyP50Ms median latency
 * @param latencyP95Ms 95th percentile latency
 * @param latencyP99Ms 99th percentile latency
 * @param slaMetPct share of requests that met their SLA, in percent
 * @param savingVsCloudPct energy saved against the all-cloud baseline, in percent
 */
public record StrategySummary(
    String strategy,
    int requests,
    double energyJ,
    double edgeEnergyJ,
    double cloudEnergyJ,
    double latencyP50Ms,
    double latencyP95Ms,
    double latencyP99Ms,
    double slaMetPct,
    double savingVsCloudPct) {

  /** Checks the name and count. */
  public StrategySummary {
    Objects.requireNonNull(strategy, "strategy");
    if (requests < 1) {
      throw new IllegalArgumentException("requests must be >= 1: " + requests);
    }
  }

  /**
   * Summarizes one strategy's outcomes.
   *
   * @param cloudEnergyJPerRequest the all-cloud baseline's mean energy per request, the reference
   *     of the saving
   */
  public static StrategySummary of(
      String strategy, List<RequestOutcome> outcomes, double cloudEnergyJPerRequest) {
    int n = outcomes.size();
    if (n == 0) {
      throw new IllegalArgumentException("no outcomes for strategy " + strategy);
    }
    double edge = 0;
    double cloud = 0;
    int met = 0;
    double[] latencies = new double[n];
    for (int i = 0; i < n; i++) {
      RequestOutcome o = outcomes.get(i);
      edge += o.edgeEnergyJ();
      cloud += o.cloudEnergyJ();
      met += o.slaMet() ? 1 : 0;
      latencies[i] = o.latencyMs();
    }
    Arrays.sort(latencies);
    double energy = (edge + cloud) / n;
    return new StrategySummary(
        strategy,
        n,
        energy,
        edge / n,
        cloud / n,
        Quantiles.ofSorted(latencies, 0.50),
        Quantiles.ofSorted(latencies, 0.95),
        Quantiles.ofSorted(latencies, 0.99),
        100.0 * met / n,
        cloudEnergyJPerRequest > 0 ? 100.0 * (1 - energy / cloudEnergyJPerRequest) : Double.NaN);
  }
}
