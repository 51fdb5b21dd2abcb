package io.dynasplit.optimizer.simulation;

import io.dynasplit.optimizer.pool.SimulationPool;
import io.dynasplit.optimizer.pool.SlaWorkload;
import io.dynasplit.scheduler.AdaptiveSettings;
import io.dynasplit.scheduler.Decision;
import io.dynasplit.scheduler.FrontIndex;
import io.dynasplit.scheduler.LiveEstimator;
import io.dynasplit.scheduler.Policy;
import io.dynasplit.scheduler.Scheduler;
import io.dynasplit.schemas.FrontEntry;
import io.dynasplit.schemas.ParetoFront;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Replays a workload of SLAs against a pool of measured configurations, as the DynaSplit paper's
 * simulator did: for each request a strategy picks a configuration, and the outcome is one measured
 * run of that configuration drawn at random (seeded), with its transfer and cloud times changed by
 * the {@link Scenario}.
 *
 * <p>The policies run through a real {@link Scheduler}; {@code adaptive} learns only from the
 * outcomes of its own past requests (transfer size and time, cloud time, edge time), never from the
 * scenario. The {@code cloud} and {@code edge} strategies run the {@link PoolBaselines}, which need
 * not be on the front; {@code dynasplit}, {@code adaptive}, {@code energy} and {@code latency}
 * choose from the front.
 *
 * <p>The {@code oracle} is a bound on expected values: it knows the scenario's factors for each
 * request and picks, from <em>every</em> configuration the pool measured (not only the front, whose
 * latencies hold only under profiling conditions), the least mean energy whose mean latency under
 * those factors meets the SLA, else the fastest. No strategy that sees only means can meet more
 * SLAs in expectation at less energy; a single drawn run can still beat it, since runs scatter
 * around their means.
 *
 * <p>Every strategy sees the same conditions for the same request: the scenario is looked up on one
 * arrival clock shared by all strategies, not on each strategy's own elapsed time. On the {@code
 * time_s} axis, request {@code i} arrives at the sum of the SLAs of requests {@code 0..i-1} (each
 * request gets its SLA as its time slot), which depends only on the workload's order.
 *
 * <p>Deterministic: the same inputs and seed give the same outcomes. Every strategy draws from its
 * own generator seeded with the same seed.
 */
public final class Simulator {

  private final SimulationPool pool;
  private final ParetoFront front;
  private final SlaWorkload workload;
  private final Scenario scenario;
  private final long seed;
  private final AdaptiveSettings settings;
  private final double[] arrivalS;

  /**
   * A simulator.
   *
   * @param pool the measured runs outcomes are drawn from
   * @param front the front the strategies choose from; every entry must be measured in the pool
   * @param workload the requests' SLAs
   * @param scenario the conditions over the workload
   * @param seed the seed of the draws
   * @param settings the adaptive policy's settings
   * @throws IllegalArgumentException when a front entry is not measured in the pool
   */
  public Simulator(
      SimulationPool pool,
      ParetoFront front,
      SlaWorkload workload,
      Scenario scenario,
      long seed,
      AdaptiveSettings settings) {
    this.pool = Objects.requireNonNull(pool, "pool");
    this.front = Objects.requireNonNull(front, "front");
    this.workload = Objects.requireNonNull(workload, "workload");
    this.scenario = Objects.requireNonNull(scenario, "scenario");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.seed = seed;
    arrivalS = arrivalTimes(workload);
    for (FrontEntry e : front.entries()) {
      if (!pool.isMeasured(e.config())) {
        throw new IllegalArgumentException(
            "front entry not measured in the pool " + pool.source() + ": " + e.config());
      }
    }
  }

  /** Total requests a run of {@code strategies} simulates (for a progress bar). */
  public long totalRequests(List<Strategy> strategies) {
    return (long) strategies.size() * workload.size();
  }

  /**
   * Runs every strategy over the whole workload.
   *
   * @param strategies the strategies, in report order
   * @param onRequest called after each simulated request (to step a progress bar); may do nothing
   * @throws IllegalArgumentException when the front is empty, or a baseline is not in the pool
   */
  public SimulationResult run(List<Strategy> strategies, Runnable onRequest) {
    Objects.requireNonNull(onRequest, "onRequest");
    if (front.entries().isEmpty()) {
      throw new IllegalArgumentException("the front has no entries");
    }
    Map<String, List<RequestOutcome>> byStrategy = new LinkedHashMap<>();
    for (Strategy s : strategies) {
      byStrategy.put(s.name(), runOne(s, onRequest));
    }
    double reference =
        byStrategy.containsKey(Policy.CLOUD.wireName())
            ? mean(byStrategy.get(Policy.CLOUD.wireName()))
            : PoolBaselines.cloud(pool).map(FrontEntry::energyJ).orElse(Double.NaN);
    List<StrategySummary> summaries = new ArrayList<>();
    List<RequestOutcome> all = new ArrayList<>();
    byStrategy.forEach(
        (name, outcomes) -> {
          summaries.add(StrategySummary.of(name, outcomes, reference));
          all.addAll(outcomes);
        });
    return new SimulationResult(summaries, all, reference);
  }

  private List<RequestOutcome> runOne(Strategy strategy, Runnable onRequest) {
    FrontIndex index =
        strategy.isOracle() ? FrontIndex.of(pool.model(), pool.means()) : indexFor(strategy);
    Scheduler scheduler = strategy.isOracle() ? null : new Scheduler(strategy.policy(), settings);
    if (scheduler != null) {
      scheduler.load(index);
    }
    SplittableRandom random = new SplittableRandom(seed);
    int n = workload.size();
    List<RequestOutcome> outcomes = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      double sla = workload.slaMs(i);
      Scenario.Step now = scenario.at(i, n, arrivalS[i]);
      FrontEntry chosen;
      double predicted;
      if (scheduler == null) {
        int k = oracle(index, sla, now);
        chosen = index.entry(k);
        predicted = expectedLatency(chosen, now);
      } else {
        Decision d = scheduler.decide(index.model(), sla);
        chosen = d.entry();
        predicted = d.predictedLatencyMs();
      }
      FrontEntry run =
          pool.sample(chosen.config(), random)
              .orElseThrow(
                  () ->
                      new IllegalStateException("configuration not measured: " + chosen.config()));
      double transfer = run.transferMs() / now.bandwidthFactor();
      double cloud = run.tailMs() * now.cloudLoadFactor();
      double latency = run.latencyMs() + (transfer - run.transferMs()) + (cloud - run.tailMs());
      if (scheduler != null) {
        observe(scheduler, chosen, run, transfer, cloud);
      }
      outcomes.add(
          new RequestOutcome(
              strategy.name(),
              i,
              sla,
              chosen.config(),
              predicted,
              latency,
              run.edgeEnergyJ(),
              run.cloudEnergyJ(),
              latency <= sla,
              now.bandwidthFactor(),
              now.cloudLoadFactor()));
      onRequest.run();
    }
    return outcomes;
  }

  /**
   * The shared arrival clock: request {@code i} arrives at the sum of the SLAs of the requests
   * before it, in seconds.
   */
  static double[] arrivalTimes(SlaWorkload workload) {
    double[] t = new double[workload.size()];
    double sumMs = 0;
    for (int i = 0; i < t.length; i++) {
      t[i] = sumMs / 1000.0;
      sumMs += workload.slaMs(i);
    }
    return t;
  }

  /**
   * What a real edge learns from a finished request: its own transfer, the cloud's time, its own
   * time.
   */
  private static void observe(
      Scheduler scheduler, FrontEntry chosen, FrontEntry run, double transferMs, double cloudMs) {
    LiveEstimator live = scheduler.live();
    if (run.bytes() > 0 && run.transferMs() > 0) {
      live.observeTransfer(chosen, run.bytes(), transferMs);
    }
    if (run.tailMs() > 0) {
      live.observeTail(chosen, cloudMs, 0);
    }
    live.observeHead(chosen, run.headMs());
    scheduler.setCurrentConfiguration(chosen.config());
  }

  private FrontIndex indexFor(Strategy strategy) {
    if (strategy.policy() == Policy.CLOUD) {
      return FrontIndex.of(
          pool.model(),
          List.of(
              PoolBaselines.cloud(pool)
                  .orElseThrow(
                      () ->
                          new IllegalArgumentException(
                              "the pool has no all-cloud (split 0) configuration"))));
    }
    if (strategy.policy() == Policy.EDGE) {
      return FrontIndex.of(
          pool.model(),
          List.of(
              PoolBaselines.edge(pool)
                  .orElseThrow(
                      () ->
                          new IllegalArgumentException("the pool has no all-edge configuration"))));
    }
    return FrontIndex.of(pool.model(), front.entries());
  }

  /** Mean latency of an entry under the scenario's conditions. */
  static double expectedLatency(FrontEntry e, Scenario.Step now) {
    return e.latencyMs()
        + e.transferMs() * (1 / now.bandwidthFactor() - 1)
        + e.tailMs() * (now.cloudLoadFactor() - 1);
  }

  /**
   * The oracle's pick among {@code index}'s entries (every measured configuration): least mean
   * energy whose expected latency meets the SLA, else the fastest expected.
   */
  static int oracle(FrontIndex index, double slaMs, Scenario.Step now) {
    int best = -1;
    int fastest = 0;
    double fastestLatency = Double.POSITIVE_INFINITY;
    for (int i = 0; i < index.size(); i++) {
      FrontEntry e = index.entry(i);
      double latency = expectedLatency(e, now);
      if (latency < fastestLatency) {
        fastestLatency = latency;
        fastest = i;
      }
      if (latency <= slaMs && (best < 0 || e.energyJ() < index.entry(best).energyJ())) {
        best = i;
      }
    }
    return best >= 0 ? best : fastest;
  }

  /**
   * Mean energy per request, summed as {@link StrategySummary#of} sums it (so cloud's own saving is
   * exactly 0).
   */
  private static double mean(List<RequestOutcome> outcomes) {
    double edge = 0;
    double cloud = 0;
    for (RequestOutcome o : outcomes) {
      edge += o.edgeEnergyJ();
      cloud += o.cloudEnergyJ();
    }
    return (edge + cloud) / outcomes.size();
  }
}
