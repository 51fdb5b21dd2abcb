package io.dynasplit.optimizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dynasplit.optimizer.pool.PoolFiles;
import io.dynasplit.optimizer.pool.SimulationPool;
import io.dynasplit.optimizer.pool.SlaWorkload;
import io.dynasplit.optimizer.pool.SlaWorkloadCsv;
import io.dynasplit.optimizer.pool.SplinterData;
import io.dynasplit.optimizer.pool.Trial;
import io.dynasplit.optimizer.pool.TrialsFile;
import io.dynasplit.optimizer.simulation.Scenario;
import io.dynasplit.optimizer.simulation.SimulationResult;
import io.dynasplit.optimizer.simulation.Simulator;
import io.dynasplit.optimizer.simulation.Strategy;
import io.dynasplit.scheduler.AdaptiveSettings;
import io.dynasplit.schemas.FrontEntry;
import io.dynasplit.schemas.Json;
import io.dynasplit.schemas.ParetoFront;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pool from a two-objective study (no {@code accuracy} column: {@code
 * data/derived/simulation_pool_vgg16_two_objective.csv}, the VGG16 pool's rows at 600 and 1,800 MHz
 * without it) loads, searches, and simulates, and gives the same fronts and outcomes as the same
 * rows with their accuracy: fidelity is used where it exists and nothing needs it.
 */
class TwoObjectivePoolTest {

  private static SimulationPool twoObjective;
  private static SimulationPool withAccuracy;
  private static SlaWorkload workload;

  @BeforeAll
  static void load() throws IOException {
    twoObjective =
        PoolFiles.read(SplinterData.derived("simulation_pool_vgg16_two_objective.csv"), "vgg16");
    SimulationPool full = PoolFiles.read(SplinterData.file("simulation_pool_vgg16.csv"), "vgg16");
    List<FrontEntry> sameRows =
        full.configurations().stream()
            .filter(c -> c.cpuFreqMHz() == 600 || c.cpuFreqMHz() == 1800)
            .flatMap(c -> full.rows(c).stream())
            .toList();
    withAccuracy = SimulationPool.of("vgg16", "same rows with accuracy", sameRows);
    workload = SlaWorkloadCsv.read(SplinterData.file("network_latency_10000_samples.csv"), "vgg16");
  }

  /** Verifies that the pool reads with every run's fidelity unknown, and the rows are the same. */
  @Test
  void readsWithoutFidelity() {
    assertEquals(321, twoObjective.rowCount());
    assertEquals(withAccuracy.rowCount(), twoObjective.rowCount());
    assertEquals(withAccuracy.configurations(), twoObjective.configurations());
    for (FrontEntry m : twoObjective.means()) {
      assertNull(m.fidelity(), m.config()::toString);
      FrontEntry other = withAccuracy.mean(m.config()).orElseThrow();
      assertNotNull(other.fidelity());
      assertEquals(other.latencyMs(), m.latencyMs(), 1e-9);
      assertEquals(other.energyJ(), m.energyJ(), 1e-12);
    }
    assertEquals(Objectives.LATENCY_ENERGY, Objectives.forEntries(twoObjective.means()));
  }

  /**
   * Verifies that the exhaustive front and an NSGA-II search over it have two objectives and no
   * fidelity, and the exhaustive front is the one of the same rows with accuracy (which does not
   * spread enough there to count).
   */
  @Test
  void searchesOverTwoObjectives() {
    ParetoFront exhaustive = Fronts.exhaustive(twoObjective, Instant.EPOCH);
    assertFalse(exhaustive.entries().isEmpty());
    assertTrue(exhaustive.entries().stream().allMatch(e -> e.fidelity() == null));
    assertEquals(
        configs(Fronts.exhaustive(withAccuracy, Instant.EPOCH).entries()),
        configs(exhaustive.entries()));

    Objectives objectives = Objectives.forEntries(twoObjective.means());
    EvaluationCache cache =
        EvaluationCache.inMemory(
            "vgg16",
            new PoolEvaluator(twoObjective),
            Budget.evaluations(twoObjective.space().size()));
    OptimizationResult r =
        Optimizer.run(
            new Nsga2Search(twoObjective.space(), objectives, Nsga2Settings.DEFAULT, 1),
            cache,
            objectives);
    assertEquals(2, r.objectives().size());
    assertEquals(configs(exhaustive.entries()), configs(r.front()));
    ReferencePoint ref = ReferencePoint.covering(objectives, twoObjective.means());
    assertTrue(Hypervolume.of(r.front(), ref) > 0);
  }

  /**
   * Verifies that its trials file and its front JSON, which carry no fidelity, read back as pools
   * with the same figures.
   */
  @Test
  void trialsAndFrontsWithoutFidelityReadBack(@TempDir Path dir) throws IOException {
    List<FrontEntry> means = twoObjective.means();
    Path trials = dir.resolve("front.trials.jsonl");
    try (TrialsFile out = TrialsFile.openForAppend(trials)) {
      for (int i = 0; i < means.size(); i++) {
        out.append(new Trial(i + 1, "vgg16", means.get(i).config(), means.get(i)));
      }
    }
    SimulationPool fromTrials = PoolFiles.read(trials, "vgg16");
    assertEquals(means.stream().map(e -> e.withSamples(1)).toList(), fromTrials.means());

    ParetoFront front = Fronts.exhaustive(twoObjective, Instant.EPOCH);
    Path json = dir.resolve("front.json");
    Files.write(json, Json.toBytes(front));
    assertEquals(front, PoolFiles.readFront(json));
    SimulationPool fromFront = PoolFiles.read(json, "vgg16");
    assertEquals(front.entries().size(), fromFront.size());
    assertTrue(fromFront.means().stream().allMatch(e -> e.fidelity() == null));
  }

  /**
   * Verifies that every strategy simulates on it, with the same outcomes as on the same rows with
   * their accuracy.
   */
  @Test
  void simulatesLikeTheSameRowsWithAccuracy() {
    List<Strategy> all = Strategy.parseList("dynasplit,adaptive,oracle,cloud,edge,energy,latency");
    SimulationResult without =
        new Simulator(
                twoObjective,
                Fronts.exhaustive(twoObjective, Instant.EPOCH),
                workload,
                Scenario.NONE,
                1,
                AdaptiveSettings.DEFAULT)
            .run(all, () -> {});
    SimulationResult with =
        new Simulator(
                withAccuracy,
                Fronts.exhaustive(withAccuracy, Instant.EPOCH),
                workload,
                Scenario.NONE,
                1,
                AdaptiveSettings.DEFAULT)
            .run(all, () -> {});
    assertEquals(with.summaries(), without.summaries());
    assertTrue(without.summaryOf("dynasplit").savingVsCloudPct() > 40);
  }

  private static Set<Object> configs(List<FrontEntry> entries) {
    return entries.stream().map(FrontEntry::config).collect(Collectors.toSet());
  }
}
