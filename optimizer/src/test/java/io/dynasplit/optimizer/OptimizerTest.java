package io.dynasplit.optimizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dynasplit.optimizer.pool.Trial;
import io.dynasplit.optimizer.pool.TrialsFile;
import io.dynasplit.schemas.Configuration;
import io.dynasplit.schemas.FrontEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests of the searches on a small synthetic space with a known front. */
class OptimizerTest {

  private static final Objectives OBJ = Objectives.LATENCY_ENERGY;

  /**
   * The front by brute force: every configuration that no other dominates (written out here, not
   * with Fronts).
   */
  private static Set<Configuration> bruteForceFront() {
    List<FrontEntry> all =
        SyntheticSpace.SPACE.configurations().stream().map(SyntheticSpace::figures).toList();
    Set<Configuration> front = new HashSet<>();
    for (FrontEntry a : all) {
      boolean dominated = false;
      for (FrontEntry b : all) {
        boolean noWorse = b.latencyMs() <= a.latencyMs() && b.energyJ() <= a.energyJ();
        boolean better = b.latencyMs() < a.latencyMs() || b.energyJ() < a.energyJ();
        dominated |= noWorse && better;
      }
      if (!dominated) {
        front.add(a.config());
      }
    }
    return front;
  }

  private static Set<Configuration> configs(List<FrontEntry> entries) {
    return entries.stream().map(FrontEntry::config).collect(Collectors.toSet());
  }

  /**
   * Verifies that the synthetic space is what the tests assume: 48 configurations and a front of
   * several.
   */
  @Test
  void syntheticSpaceHasATradeOff() {
    assertEquals(48, SyntheticSpace.SPACE.size());
    int n = bruteForceFront().size();
    assertTrue(n >= 5 && n < 48, "front size " + n);
  }

  /**
   * Verifies that NSGA-II with the whole space as budget finds exactly the brute-force front, for
   * several seeds.
   */
  @Test
  void nsga2WithTheWholeSpaceFindsTheFront() {
    Set<Configuration> expected = bruteForceFront();
    for (long seed = 1; seed <= 3; seed++) {
      EvaluationCache cache =
          EvaluationCache.inMemory(
              "synthetic",
              SyntheticSpace::evaluate,
              Budget.evaluations(SyntheticSpace.SPACE.size()));
      Nsga2Search search =
          new Nsga2Search(
              SyntheticSpace.SPACE, OBJ, Nsga2Settings.DEFAULT.withPopulationSize(8), seed);
      OptimizationResult r = Optimizer.run(search, cache, OBJ);
      assertEquals(expected, configs(r.front()), "seed " + seed);
      assertEquals(48, r.evaluations(), "seed " + seed);
      // Jenetics' own Pareto set over the populations agrees
      assertEquals(expected, new HashSet<>(r.stats().populationFront()), "seed " + seed);
    }
  }

  /**
   * Verifies that the exhaustive and random searches with the whole space as budget find the same
   * front.
   */
  @Test
  void exhaustiveAndRandomFindTheFront() {
    Set<Configuration> expected = bruteForceFront();
    Budget all = Budget.evaluations(SyntheticSpace.SPACE.size());
    OptimizationResult ex =
        Optimizer.run(
            new ExhaustiveSearch(SyntheticSpace.SPACE),
            EvaluationCache.inMemory("s", SyntheticSpace::evaluate, all),
            OBJ);
    OptimizationResult rnd =
        Optimizer.run(
            new RandomSearch(SyntheticSpace.SPACE, 3),
            EvaluationCache.inMemory("s", SyntheticSpace::evaluate, all),
            OBJ);
    assertEquals(expected, configs(ex.front()));
    assertEquals(expected, configs(rnd.front()));
  }

  /**
   * Verifies that no configuration is evaluated twice although NSGA-II proposes configurations
   * again, and that the budget is exact.
   */
  @Test
  void cachePreventsRepeatedEvaluations() {
    Map<Configuration, Integer> calls = new HashMap<>();
    ConfigurationEvaluator counting =
        c -> {
          calls.merge(c, 1, Integer::sum);
          return SyntheticSpace.evaluate(c);
        };
    EvaluationCache cache = EvaluationCache.inMemory("synthetic", counting, Budget.evaluations(20));
    OptimizationResult r =
        Optimizer.run(
            new Nsga2Search(
                SyntheticSpace.SPACE, OBJ, Nsga2Settings.DEFAULT.withPopulationSize(8), 5),
            cache,
            OBJ);
    assertEquals(20, r.evaluations());
    assertEquals(20, calls.size());
    assertTrue(calls.values().stream().allMatch(n -> n == 1), calls::toString);
    // the engine asked for configurations again, and the cache answered
    assertTrue(cache.lookups() > cache.evaluatorCalls(), cache.lookups() + " lookups");

    // a direct lookup of a cached configuration does not call the evaluator either
    Configuration first = r.trials().get(0).config();
    assertEquals(r.trials().get(0), cache.lookup(first).orElseThrow());
    assertEquals(1, calls.get(first));
    // and a new one is refused once the budget is spent
    Configuration fresh =
        SyntheticSpace.SPACE.configurations().stream()
            .filter(c -> !calls.containsKey(c))
            .findFirst()
            .orElseThrow();
    assertTrue(cache.lookup(fresh).isEmpty());
    assertTrue(!calls.containsKey(fresh));
  }

  /**
   * Verifies that a run interrupted mid-way resumes from its trials file: it measures only the rest
   * and ends as an uninterrupted run.
   */
  @Test
  void resumedRunContinuesFromTheTrialsFile(@TempDir Path dir) throws IOException {
    Budget budget = Budget.evaluations(30);
    Nsga2Search search =
        new Nsga2Search(SyntheticSpace.SPACE, OBJ, Nsga2Settings.DEFAULT.withPopulationSize(8), 11);

    // the uninterrupted run
    OptimizationResult whole =
        Optimizer.run(
            search, EvaluationCache.inMemory("synthetic", SyntheticSpace::evaluate, budget), OBJ);

    // a run killed after 12 measurements
    Path file = dir.resolve("trials.jsonl");
    AtomicInteger calls = new AtomicInteger();
    ConfigurationEvaluator dying =
        c -> {
          if (calls.incrementAndGet() > 12) {
            throw new IllegalStateException("killed");
          }
          return SyntheticSpace.evaluate(c);
        };
    try (TrialsFile sink = TrialsFile.openForAppend(file)) {
      EvaluationCache cache =
          new EvaluationCache(
              "synthetic", dying, budget, sink, List.of(), null, InstantSource.system());
      assertThrows(RuntimeException.class, () -> Optimizer.run(search, cache, OBJ));
    }
    // a write cut short by the kill leaves half a line
    Files.writeString(file, "{\"number\":13,\"mod", java.nio.file.StandardOpenOption.APPEND);
    List<Trial> earlier = TrialsFile.read(file);
    assertEquals(12, earlier.size());

    // the resumed run
    AtomicInteger resumedCalls = new AtomicInteger();
    ConfigurationEvaluator counting =
        c -> {
          resumedCalls.incrementAndGet();
          return SyntheticSpace.evaluate(c);
        };
    OptimizationResult resumed;
    try (TrialsFile sink = TrialsFile.openForAppend(file)) {
      EvaluationCache cache =
          new EvaluationCache(
              "synthetic", counting, budget, sink, earlier, null, InstantSource.system());
      resumed = Optimizer.run(search, cache, OBJ);
    }
    assertEquals(18, resumedCalls.get());
    assertEquals(12, resumed.resumed());
    assertEquals(whole.trials(), resumed.trials());
    assertEquals(whole.front(), resumed.front());
    assertEquals(whole.trials(), TrialsFile.read(file));
  }

  /**
   * Verifies that an unmeasurable configuration costs an evaluation, is recorded as unmeasured and
   * never enters the front.
   */
  @Test
  void unmeasuredConfigurationsSpendBudgetButStayOutOfTheFront() {
    ConfigurationEvaluator holes =
        c -> c.split() == 2 ? Optional.empty() : SyntheticSpace.evaluate(c);
    Budget all = Budget.evaluations(SyntheticSpace.SPACE.size());
    OptimizationResult r =
        Optimizer.run(
            new Nsga2Search(
                SyntheticSpace.SPACE, OBJ, Nsga2Settings.DEFAULT.withPopulationSize(8), 2),
            EvaluationCache.inMemory("s", holes, all),
            OBJ);
    long holesInSpace =
        SyntheticSpace.SPACE.configurations().stream().filter(c -> c.split() == 2).count();
    assertEquals(48, r.evaluations());
    assertEquals(holesInSpace, r.unmeasured());
    assertTrue(r.front().stream().noneMatch(e -> e.config().split() == 2));
  }

  /** Verifies that a wall-clock budget stops a search even with evaluations left. */
  @Test
  void wallClockBudgetStopsTheSearch() {
    long[] now = {0};
    InstantSource clock = () -> java.time.Instant.ofEpochMilli(now[0]);
    ConfigurationEvaluator slow =
        c -> {
          now[0] += 1000; // each measurement takes a simulated second
          return SyntheticSpace.evaluate(c);
        };
    Budget budget = Budget.evaluations(48).withWallClock(java.time.Duration.ofSeconds(10));
    EvaluationCache cache = new EvaluationCache("s", slow, budget, null, List.of(), null, clock);
    OptimizationResult r = Optimizer.run(new RandomSearch(SyntheticSpace.SPACE, 1), cache, OBJ);
    assertEquals(10, r.evaluations());
  }

  /**
   * Verifies that a fractional budget rounds up (10% of 917 is 92) and that bad budgets are refused
   * with the value named.
   */
  @Test
  void budgetFractions() {
    assertEquals(92, Budget.fractionOf(0.1, 917).maxEvaluations());
    assertEquals(46, Budget.fractionOf(0.05, 917).maxEvaluations());
    assertEquals(184, Budget.fractionOf(0.2, 917).maxEvaluations());
    var e = assertThrows(IllegalArgumentException.class, () -> Budget.fractionOf(1.5, 917));
    assertTrue(e.getMessage().contains("1.5"), e.getMessage());
  }
}
