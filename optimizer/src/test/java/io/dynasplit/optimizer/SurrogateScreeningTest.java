package io.dynasplit.optimizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dynasplit.optimizer.pool.PoolFiles;
import io.dynasplit.optimizer.pool.SimulationPool;
import io.dynasplit.optimizer.pool.SlaWorkload;
import io.dynasplit.optimizer.pool.SlaWorkloadCsv;
import io.dynasplit.optimizer.pool.SplinterData;
import io.dynasplit.schemas.Codec;
import io.dynasplit.schemas.Configuration;
import io.dynasplit.schemas.FrontEntry;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Tests of surrogate-screened NSGA-II: the additive model, the expected-saving acquisition against
 * hand computations, and the quality bar on the paper's VGG16 pool.
 */
class SurrogateScreeningTest {

  private static FrontEntry entry(double latencyMs, double energyJ) {
    Configuration c = new Configuration(1, 1200, "off", 0, Codec.FP32, "gpu");
    return new FrontEntry(c, latencyMs, latencyMs, latencyMs, 0, 0, 0, energyJ, 0, null, 1);
  }

  /** Figures that are exactly additive in log space over the synthetic space's knobs. */
  private static FrontEntry additive(Configuration c) {
    double logLatency =
        3
            + 0.4 * c.split()
            - 0.0005 * c.cpuFreqMHz()
            + (c.edgeAccelerator().equals("max") ? -0.3 : 0);
    double logEnergy =
        1
            - 0.2 * c.split()
            + 0.0004 * c.cpuFreqMHz()
            + (c.cloudAccelerator().equals("gpu") ? 0.5 : 0);
    double latency = Math.exp(logLatency);
    return new FrontEntry(c, latency, latency, latency, 0, 0, 0, Math.exp(logEnergy), 0, null, 1);
  }

  /**
   * Verifies that the model, fitted to two thirds of a space whose figures are additive in log
   * space, predicts the rest to within a tenth of the figures' log spread (the ridge penalty
   * shrinks the effects a little).
   */
  @Test
  void modelPredictsUnmeasuredConfigurations() {
    List<Configuration> all = SyntheticSpace.SPACE.configurations();
    // two of every three (every knob value is seen; the last knob alternates, so halves would not
    // do)
    List<FrontEntry> seen =
        all.stream()
            .filter(c -> all.indexOf(c) % 3 != 0)
            .map(SurrogateScreeningTest::additive)
            .toList();
    KnobSurrogate model = KnobSurrogate.fit(SyntheticSpace.SPACE, seen);
    for (int i = 0; i < all.size(); i += 3) {
      FrontEntry truth = additive(all.get(i));
      KnobSurrogate.Prediction p = model.predict(all.get(i));
      assertEquals(
          Math.log(truth.latencyMs()), Math.log(p.latencyMs()), 0.25, "latency of " + all.get(i));
      assertEquals(Math.log(truth.energyJ()), p.logEnergyMean(), 0.25, "energy of " + all.get(i));
    }
    assertTrue(
        model.predict(all.get(1)).logEnergySigma() < 0.25,
        "an additive truth leaves little residual");
  }

  /**
   * Verifies that an entry with no energy (nothing metered) leaves the model and the saving finite.
   */
  @Test
  void zeroFiguresStayFinite() {
    Configuration c = SyntheticSpace.SPACE.configurations().get(5);
    FrontEntry unmetered = new FrontEntry(c, 0, 0, 0, 0, 0, 0, 0, 0, null, 1);
    KnobSurrogate model =
        KnobSurrogate.fit(
            SyntheticSpace.SPACE,
            List.of(unmetered, additive(SyntheticSpace.SPACE.configurations().get(9))));
    KnobSurrogate.Prediction p = model.predict(SyntheticSpace.SPACE.configurations().get(7));
    assertTrue(
        Double.isFinite(p.latencyMs())
            && Double.isFinite(p.logEnergyMean())
            && Double.isFinite(p.logEnergySigma()),
        p.toString());
    assertTrue(Double.isFinite(new ExpectedSaving(List.of(unmetered, entry(100, 10))).of(p)));
  }

  /**
   * Verifies the normal distribution function and the log-normal expected improvement against
   * closed forms.
   */
  @Test
  void expectedImprovementMatchesClosedForms() {
    assertEquals(0.5, ExpectedSaving.normalCdf(0), 1e-7);
    assertEquals(0.9750021, ExpectedSaving.normalCdf(1.96), 1e-6);
    assertEquals(0.0227501, ExpectedSaving.normalCdf(-2), 1e-6);
    // cost 10, X log-normal with median 10 and log-sd 0.5: 10 * 0.5 - exp(ln 10 + 0.125) *
    // Phi(-0.5)
    double expected = 10 * 0.5 - Math.exp(Math.log(10) + 0.125) * 0.3085375;
    assertEquals(expected, ExpectedSaving.expectedImprovement(10, Math.log(10), 0.5), 1e-5);
    // a candidate surely dearer than the cost saves nothing; one surely at 4 J saves 6 J
    assertEquals(0, ExpectedSaving.expectedImprovement(10, Math.log(20), 1e-3), 1e-9);
    assertEquals(6, ExpectedSaving.expectedImprovement(10, Math.log(4), 1e-3), 1e-5);
  }

  /**
   * Verifies the saving of a candidate against a two-entry front under the log-uniform SLA prior.
   */
  @Test
  void savingWeighsTheSlasACandidateCouldServe() {
    // the front: 100 ms at 10 J and 1000 ms at 1 J; SLAs log-uniform over [100, 1000] ms
    ExpectedSaving saving =
        new ExpectedSaving(List.of(entry(100, 10), entry(1000, 1), entry(500, 50)));
    // a sure 5 J at 300 ms serves the SLAs in [300, 1000): log(1000/300) / log(10) of them, 5 J
    // cheaper
    double share = Math.log(1000.0 / 300) / Math.log(10);
    double got = saving.of(new KnobSurrogate.Prediction(300, Math.log(5), 1e-3));
    assertEquals(share * 5, got, 5.0 / ExpectedSaving.SLA_GRID + 1e-9);
    // faster than everything but dearer: nothing to save
    assertEquals(0, saving.of(new KnobSurrogate.Prediction(50, Math.log(20), 1e-3)), 1e-9);
    // cheaper than the 1 J entry but slower than every SLA of the prior: nothing either
    assertEquals(0, saving.of(new KnobSurrogate.Prediction(2000, Math.log(0.5), 1e-3)), 1e-9);
  }

  /**
   * Verifies the quality bar of the offline issue on the paper's VGG16 pool: with a tenth of the
   * space (92 evaluations), the front found by NSGA-II costs the scheduler at most 1% more energy
   * per request than the exhaustive front over the 10,000-request workload, for seeds 1 to 5; and
   * that the screening is what gets it there (plain NSGA-II misses for at least one of them).
   */
  @Test
  void tenPercentBudgetMeetsTheRegretBarOnTheVgg16Pool() throws Exception {
    SimulationPool pool = PoolFiles.read(SplinterData.file("simulation_pool_vgg16.csv"), "vgg16");
    SlaWorkload workload =
        SlaWorkloadCsv.read(SplinterData.file("network_latency_10000_samples.csv"), "vgg16");
    Objectives obj = Objectives.forEntries(pool.means());
    List<FrontEntry> exhaustive = Fronts.nonDominated(pool.means(), obj);
    Budget budget = Budget.fractionOf(0.1, pool.space().size());
    assertEquals(92, budget.maxEvaluations());
    double worstPlain = 0;
    for (long seed = 1; seed <= 5; seed++) {
      double screened =
          regret(
              new Nsga2Search(pool.space(), obj, Nsga2Settings.DEFAULT, seed),
              pool,
              budget,
              obj,
              exhaustive,
              workload);
      assertTrue(screened <= 0.01, "seed " + seed + ": regret " + screened);
      Nsga2Settings plain = Nsga2Settings.DEFAULT.withSurrogateScreening(false);
      worstPlain =
          Math.max(
              worstPlain,
              regret(
                  new Nsga2Search(pool.space(), obj, plain, seed),
                  pool,
                  budget,
                  obj,
                  exhaustive,
                  workload));
    }
    assertTrue(
        worstPlain > 0.01, "plain NSGA-II met the bar too: the screening test shows nothing");
  }

  private static double regret(
      Search search,
      SimulationPool pool,
      Budget budget,
      Objectives obj,
      List<FrontEntry> exhaustive,
      SlaWorkload workload) {
    OptimizationResult r =
        Optimizer.run(
            search, EvaluationCache.inMemory("vgg16", new PoolEvaluator(pool), budget), obj);
    assertEquals(budget.maxEvaluations(), r.evaluations());
    return FrontRegret.regret("vgg16", r.front(), exhaustive, workload);
  }
}
