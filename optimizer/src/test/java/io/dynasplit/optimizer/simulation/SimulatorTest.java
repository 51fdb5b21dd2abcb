package io.dynasplit.optimizer.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dynasplit.optimizer.Fronts;
import io.dynasplit.optimizer.Objectives;
import io.dynasplit.optimizer.pool.SimulationPool;
import io.dynasplit.optimizer.pool.SlaWorkload;
import io.dynasplit.optimizer.pool.SlaWorkloadCsv;
import io.dynasplit.optimizer.pool.SplinterData;
import io.dynasplit.optimizer.pool.SplinterPoolCsv;
import io.dynasplit.scheduler.AdaptiveSettings;
import io.dynasplit.schemas.FrontEntry;
import io.dynasplit.schemas.ParetoFront;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SimulatorTest {

  private static final long SEED = 7;
  private static SimulationPool pool;
  private static SlaWorkload workload;
  private static ParetoFront front;

  @BeforeAll
  static void loadPaperData() throws IOException {
    pool = SplinterPoolCsv.read(SplinterData.file("simulation_pool_vgg16.csv"), "vgg16");
    workload = SlaWorkloadCsv.read(SplinterData.file("network_latency_10000_samples.csv"), "vgg16");
    front = Fronts.exhaustive(pool, Instant.EPOCH);
  }

  private static SimulationResult run(Scenario scenario, long seed, String strategies) {
    return new Simulator(pool, front, workload, scenario, seed, AdaptiveSettings.DEFAULT)
        .run(Strategy.parseList(strategies), () -> {});
  }

  /**
   * Verifies that a run with a fixed seed gives the same table twice, and another seed a different
   * one.
   */
  @Test
  void fixedSeedGivesSameTableTwice() {
    String all = "dynasplit,adaptive,oracle,cloud,edge,energy,latency";

    SimulationResult first = run(Scenario.NONE, SEED, all);
    SimulationResult second = run(Scenario.NONE, SEED, all);
    SimulationResult other = run(Scenario.NONE, SEED + 1, all);

    assertEquals(first.summaries(), second.summaries());
    assertEquals(first.outcomes(), second.outcomes());
    assertNotEquals(first.summaries(), other.summaries());
  }

  /**
   * Verifies that the cloud and edge strategies give the pool's means of the paper's baseline
   * configurations.
   */
  @Test
  void cloudAndEdgeGiveThePoolMeans() {
    SimulationResult r = run(Scenario.NONE, SEED, "cloud,edge");

    for (String name : List.of("cloud", "edge")) {
      FrontEntry baseline =
          (name.equals("cloud") ? PoolBaselines.cloud(pool) : PoolBaselines.edge(pool))
              .orElseThrow();
      List<FrontEntry> rows = pool.rows(baseline.config());
      double energy = rows.stream().mapToDouble(FrontEntry::energyJ).average().orElseThrow();
      double latency = rows.stream().mapToDouble(FrontEntry::latencyMs).average().orElseThrow();
      List<RequestOutcome> outcomes = r.outcomesOf(name);
      double simulatedLatency =
          outcomes.stream().mapToDouble(RequestOutcome::latencyMs).average().orElseThrow();

      assertTrue(outcomes.stream().allMatch(o -> o.config().equals(baseline.config())), name);
      assertEquals(energy, r.summaryOf(name).energyJ(), 0.005 * energy, name + ", seed " + SEED);
      assertEquals(latency, simulatedLatency, 0.005 * latency, name + ", seed " + SEED);
    }
    assertEquals(0, r.summaryOf("cloud").savingVsCloudPct(), 1e-9);
    assertEquals(1800, PoolBaselines.cloud(pool).orElseThrow().config().cpuFreqMHz());
    assertEquals("gpu", PoolBaselines.cloud(pool).orElseThrow().config().cloudAccelerator());
    assertEquals("max", PoolBaselines.edge(pool).orElseThrow().config().edgeAccelerator());
  }

  /**
   * Verifies that the paper's rule over the exhaustive front saves about 52% against cloud with
   * about 98.7% of SLAs met.
   */
  @Test
  void reproducesThePaperSimulation() {
    SimulationResult r = run(Scenario.NONE, SEED, "dynasplit,cloud");

    StrategySummary paper = r.summaryOf("dynasplit");
    assertEquals(69.0, r.summaryOf("cloud").energyJ(), 0.5);
    assertEquals(52, paper.savingVsCloudPct(), 2);
    assertEquals(98.7, paper.slaMetPct(), 2);
  }

  /** Verifies that with nothing changing, adaptive and the oracle stay with the paper's rule. */
  @Test
  void withoutScenarioAdaptiveAndOracleMatchThePaper() {
    SimulationResult r = run(Scenario.NONE, SEED, "dynasplit,adaptive,oracle");

    StrategySummary paper = r.summaryOf("dynasplit");
    StrategySummary oracle = r.summaryOf("oracle");
    // same choices, same draws: the same figures exactly
    assertEquals(paper.energyJ(), oracle.energyJ());
    assertEquals(paper.slaMetPct(), oracle.slaMetPct());
    assertEquals(paper.latencyP95Ms(), oracle.latencyP95Ms());
    assertEquals(paper.energyJ(), r.summaryOf("adaptive").energyJ(), 0.01 * paper.energyJ());
    assertEquals(paper.slaMetPct(), r.summaryOf("adaptive").slaMetPct(), 0.5);
  }

  /**
   * Verifies that when bandwidth drops to a quarter for the middle third, adaptive meets more SLAs
   * than the static rule, close to the oracle.
   */
  @Test
  void adaptiveFollowsBandwidthDrop() {
    Scenario drop =
        new Scenario(
            Scenario.Axis.FRACTION,
            List.of(new Scenario.Step(1 / 3.0, 0.25, 1), new Scenario.Step(2 / 3.0, 1, 1)));

    SimulationResult r = run(drop, SEED, "dynasplit,adaptive,oracle");

    double paper = r.summaryOf("dynasplit").slaMetPct();
    double adaptive = r.summaryOf("adaptive").slaMetPct();
    double oracle = r.summaryOf("oracle").slaMetPct();
    assertTrue(adaptive > paper + 0.5, "adaptive " + adaptive + " vs dynasplit " + paper);
    assertEquals(oracle, adaptive, 0.5, "adaptive vs oracle");
    List<RequestOutcome> during = r.outcomesOf("adaptive").subList(4000, 6000);
    assertTrue(during.stream().allMatch(o -> o.bandwidthFactor() == 0.25));
  }

  /**
   * Verifies that when the cloud takes twice as long for the middle third, adaptive meets more SLAs
   * than the static rule.
   */
  @Test
  void adaptiveFollowsBusyCloud() {
    Scenario busy =
        new Scenario(
            Scenario.Axis.REQUEST,
            List.of(new Scenario.Step(3333, 1, 2), new Scenario.Step(6667, 1, 1)));

    SimulationResult r = run(busy, SEED, "dynasplit,adaptive,oracle");

    double paper = r.summaryOf("dynasplit").slaMetPct();
    double adaptive = r.summaryOf("adaptive").slaMetPct();
    assertTrue(adaptive > paper + 0.5, "adaptive " + adaptive + " vs dynasplit " + paper);
    assertEquals(r.summaryOf("oracle").slaMetPct(), adaptive, 0.5, "adaptive vs oracle");
  }

  /** Verifies that a front with a configuration the pool never measured is refused, naming it. */
  @Test
  void frontOutsideThePoolIsRefused() {
    FrontEntry stranger = front.entries().get(0);
    stranger =
        new FrontEntry(
            stranger.config().withThreads(3),
            stranger.latencyMs(),
            stranger.latencyP95Ms(),
            stranger.headMs(),
            stranger.transferMs(),
            stranger.tailMs(),
            stranger.bytes(),
            stranger.edgeEnergyJ(),
            stranger.cloudEnergyJ(),
            stranger.fidelity(),
            1);
    ParetoFront bad =
        new ParetoFront(ParetoFront.SCHEMA_VERSION, "vgg16", "test", "now", List.of(stranger));

    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new Simulator(pool, bad, workload, Scenario.NONE, SEED, AdaptiveSettings.DEFAULT));

    assertTrue(e.getMessage().contains("threads=3"), e.getMessage());
  }

  /**
   * Verifies that the exhaustive front holds only non-dominated entries and keeps the fastest and
   * the cheapest.
   */
  @Test
  void exhaustiveFrontIsNonDominated() {
    List<FrontEntry> means = pool.means();
    Objectives objectives = Objectives.forEntries(means);
    FrontEntry fastest =
        means.stream().min((a, b) -> Double.compare(a.latencyMs(), b.latencyMs())).orElseThrow();
    FrontEntry cheapest =
        means.stream().min((a, b) -> Double.compare(a.energyJ(), b.energyJ())).orElseThrow();

    for (FrontEntry a : front.entries()) {
      for (FrontEntry b : means) {
        assertTrue(!objectives.dominates(b, a), b.config() + " dominates " + a.config());
      }
    }
    assertTrue(front.entries().contains(fastest));
    assertTrue(front.entries().contains(cheapest));
  }

  /**
   * Verifies that under a bandwidth drop the oracle picks measured configurations off the front,
   * and never more mean energy than dynasplit where dynasplit's pick is expected to meet the SLA.
   */
  @Test
  void oracleIsABoundOverEveryMeasuredConfiguration() {
    Scenario drop =
        new Scenario(
            Scenario.Axis.FRACTION,
            List.of(new Scenario.Step(1 / 3.0, 0.25, 1), new Scenario.Step(2 / 3.0, 1, 1)));

    SimulationResult r = run(drop, SEED, "dynasplit,oracle");

    java.util.Set<io.dynasplit.schemas.Configuration> onFront =
        front.entries().stream()
            .map(FrontEntry::config)
            .collect(java.util.stream.Collectors.toSet());
    assertTrue(
        r.outcomesOf("oracle").stream().anyMatch(o -> !onFront.contains(o.config())),
        "oracle stays on the front");
    List<RequestOutcome> paper = r.outcomesOf("dynasplit");
    List<RequestOutcome> oracle = r.outcomesOf("oracle");
    int checked = 0;
    for (int i = 0; i < paper.size(); i++) {
      Scenario.Step now = drop.at(i, paper.size(), 0);
      FrontEntry mine = pool.mean(paper.get(i).config()).orElseThrow();
      FrontEntry best = pool.mean(oracle.get(i).config()).orElseThrow();
      if (Simulator.expectedLatency(mine, now) <= paper.get(i).slaMs()) {
        assertTrue(Simulator.expectedLatency(best, now) <= paper.get(i).slaMs(), "request " + i);
        assertTrue(
            best.energyJ() <= mine.energyJ(),
            "request " + i + ": " + best.config() + " vs " + mine.config());
        checked++;
      }
    }
    assertTrue(checked > paper.size() / 2, "checked " + checked);
  }

  /**
   * Verifies that on the time_s axis every strategy sees the same conditions for the same request,
   * on the SLA-sum arrival clock.
   */
  @Test
  void timeAxisUsesOneClockForAllStrategies() {
    double[] arrival = Simulator.arrivalTimes(workload);
    double from = arrival[4000];
    double until = arrival[6000];
    Scenario byTime =
        new Scenario(
            Scenario.Axis.TIME_S,
            List.of(new Scenario.Step(from, 0.25, 2), new Scenario.Step(until, 1, 1)));

    SimulationResult r = run(byTime, SEED, "dynasplit,cloud,edge");

    assertEquals(0, arrival[0]);
    assertEquals(workload.slaMs(0) / 1000.0, arrival[1], 1e-9);
    for (String name : List.of("dynasplit", "cloud", "edge")) {
      List<RequestOutcome> outcomes = r.outcomesOf(name);
      for (int i = 0; i < outcomes.size(); i++) {
        boolean changed = i >= 4000 && i < 6000;
        assertEquals(changed ? 0.25 : 1, outcomes.get(i).bandwidthFactor(), name + " request " + i);
        assertEquals(changed ? 2 : 1, outcomes.get(i).cloudLoadFactor(), name + " request " + i);
      }
    }
  }

  /**
   * Verifies that the simulator's cloud and edge baselines are the ones the live policies pick from
   * the same entries.
   */
  @Test
  void baselinesAreTheSchedulersBaselines() {
    io.dynasplit.scheduler.FrontIndex all =
        io.dynasplit.scheduler.FrontIndex.of("vgg16", pool.means());

    assertEquals(PoolBaselines.cloud(pool).orElseThrow(), all.entry(all.cloudOnly()));
    assertEquals(PoolBaselines.edge(pool).orElseThrow(), all.entry(all.edgeOnly()));
  }
}
