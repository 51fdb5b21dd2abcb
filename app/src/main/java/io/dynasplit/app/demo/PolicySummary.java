package io.dynasplit.app.demo;

import io.dynasplit.schemas.Quantiles;
import java.util.List;

/**
 * The figures of one policy's run.
 *
 * @param policy the policy
 * @param requests requests sent
 * @param ok requests answered ok
 * @param slaMetPct share of requests answered ok within their SLA, in percent
 * @param p50Ms median latency of the ok replies
 * @param p95Ms 95th percentile latency of the ok replies
 * @param edgeJ mean edge energy per ok request
 * @param cloudJ mean cloud energy per ok request
 * @param queueMs mean edge queue time per ok request
 * @param headMs mean edge time per ok request
 * @param transferMs mean transfer time per ok request
 * @param tailMs mean cloud time per ok request
 */
public record PolicySummary(
    String policy,
    int requests,
    int ok,
    double slaMetPct,
    double p50Ms,
    double p95Ms,
    double edgeJ,
    double cloudJ,
    double queueMs,
    double headMs,
    double transferMs,
    double tailMs) {

  /** Edge plus cloud energy per request. */
  public double totalJ() {
    return edgeJ + cloudJ;
  }

  /**
   * The saving in energy per request against a baseline (cloud-only), in percent; NaN without a
   * baseline figure.
   */
  public double savingPct(PolicySummary baseline) {
    return baseline == null || baseline.totalJ() <= 0
        ? Double.NaN
        : 100 * (baseline.totalJ() - totalJ()) / baseline.totalJ();
  }

  /** Summarises one policy's outcomes. */
  public static PolicySummary of(String policy, List<DemoOutcome> outcomes) {
    List<DemoOutcome> ok = outcomes.stream().filter(DemoOutcome::ok).toList();
    double[] latency = ok.stream().mapToDouble(DemoOutcome::latencyMs).sorted().toArray();
    long met = outcomes.stream().filter(DemoOutcome::slaMet).count();
    return new PolicySummary(
        policy,
        outcomes.size(),
        ok.size(),
        outcomes.isEmpty() ? 0 : 100.0 * met / outcomes.size(),
        latency.length == 0 ? 0 : Quantiles.ofSorted(latency, 0.5),
        latency.length == 0 ? 0 : Quantiles.ofSorted(latency, 0.95),
        mean(ok, DemoOutcome::edgeJ),
        mean(ok, DemoOutcome::cloudJ),
        mean(ok, DemoOutcome::queueMs),
        mean(ok, DemoOutcome::headMs),
        mean(ok, DemoOutcome::transferMs),
        mean(ok, DemoOutcome::tailMs));
  }

  private static double mean(
      List<DemoOutcome> list, java.util.function.ToDoubleFunction<DemoOutcome> f) {
    return list.stream().mapToDouble(f).average().orElse(0);
  }
}
