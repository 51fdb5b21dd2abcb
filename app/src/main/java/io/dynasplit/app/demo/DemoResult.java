package io.dynasplit.app.demo;

import io.dynasplit.schemas.ParetoFront;
import java.util.List;
import java.util.Map;

/**
 * Everything a demo run produced, for its report.
 *
 * @param fronts the fronts the edge scheduled from, by model
 * @param profiled the models whose fronts this run measured (the others were reused)
 * @param workload the requests every policy ran
 * @param scenario the phases of emulated conditions
 * @param policies the policies in the order they ran
 * @param outcomes every request's outcome, by policy
 * @param energySources the energy sources replies named ({@code edge/cloud})
 * @param intervalMs the mean gap between requests
 * @param seed the workload's seed
 * @param elapsedS how long the run took, in seconds
 */
public record DemoResult(
    Map<String, ParetoFront> fronts,
    List<String> profiled,
    DemoWorkload workload,
    DemoScenario scenario,
    List<String> policies,
    Map<String, List<DemoOutcome>> outcomes,
    List<String> energySources,
    long intervalMs,
    long seed,
    double elapsedS) {

  /** The summaries in policy order. */
  public List<PolicySummary> summaries() {
    return policies.stream().map(p -> PolicySummary.of(p, outcomes.get(p))).toList();
  }

  /** The cloud-only policy's summary, or null when it did not run. */
  public PolicySummary cloudOnly() {
    return outcomes.containsKey("cloud") ? PolicySummary.of("cloud", outcomes.get("cloud")) : null;
  }
}
