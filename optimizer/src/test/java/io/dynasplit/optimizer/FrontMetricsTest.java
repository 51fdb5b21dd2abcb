package io.dynasplit.optimizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dynasplit.optimizer.pool.SlaWorkload;
import io.dynasplit.schemas.Codec;
import io.dynasplit.schemas.Configuration;
import io.dynasplit.schemas.FrontEntry;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tests of the non-dominated filter, the hypervolume and the front regret on hand-made fronts. */
class FrontMetricsTest {

  private static FrontEntry entry(int split, double latencyMs, double energyJ, Double fidelity) {
    Configuration c =
        new Configuration(split, 1200, "off", 0, Codec.FP32, split == 9 ? "none" : "gpu");
    return new FrontEntry(c, latencyMs, latencyMs, latencyMs, 0, 0, 0, energyJ, 0, fidelity, 1);
  }

  /**
   * Verifies that dominated entries are dropped, ties kept, and the front comes in latency order.
   */
  @Test
  void nonDominatedKeepsTheFrontInLatencyOrder() {
    FrontEntry a = entry(1, 100, 10, null);
    FrontEntry b = entry(2, 10, 100, null);
    FrontEntry dominated = entry(3, 200, 20, null);
    FrontEntry tie = entry(4, 100, 10, null);
    List<FrontEntry> front =
        Fronts.nonDominated(List.of(a, dominated, b, tie), Objectives.LATENCY_ENERGY);
    assertEquals(List.of(b, a, tie), front);
  }

  /** Verifies the 2-d hypervolume on log scales against a hand computation. */
  @Test
  void hypervolumeOnLogScales() {
    // points (log10 latency, log10 energy): (1, 2) and (2, 1); reference (3, 3)
    List<FrontEntry> front = List.of(entry(1, 10, 100, null), entry(2, 100, 10, null));
    ReferencePoint ref = new ReferencePoint(Objectives.LATENCY_ENERGY, List.of(3.0, 3.0));
    // union of [1,3]x[2,3] (area 2) and [2,3]x[1,3] (area 2), overlapping in [2,3]x[2,3] (area 1)
    assertEquals(3.0, Hypervolume.of(front, ref), 1e-12);
    // an entry beyond the reference point adds nothing
    assertEquals(
        3.0,
        Hypervolume.of(List.of(front.get(0), front.get(1), entry(3, 1e4, 1, null)), ref),
        1e-12);
  }

  /** Verifies the 3-d hypervolume against a hand computation. */
  @Test
  void hypervolumeInThreeObjectives() {
    // fidelity loss 1 - f: 0.1 and 0.3; reference (3, 3, 0.5)
    List<FrontEntry> front = List.of(entry(1, 10, 100, 0.9), entry(2, 100, 10, 0.7));
    ReferencePoint ref =
        new ReferencePoint(Objectives.LATENCY_ENERGY_FIDELITY, List.of(3.0, 3.0, 0.5));
    // z in [0.1, 0.3): only the first point, area 2 -> 0.4; z in [0.3, 0.5): both, area 3 -> 0.6
    assertEquals(1.0, Hypervolume.of(front, ref), 1e-12);
  }

  /** Verifies that the covering reference point lies 0.1 decade beyond the worst entry. */
  @Test
  void coveringReferencePoint() {
    ReferencePoint ref =
        ReferencePoint.covering(
            Objectives.LATENCY_ENERGY, List.of(entry(1, 10, 100, null), entry(2, 1000, 1, null)));
    assertEquals(3.1, ref.scaled().get(0), 1e-12);
    assertEquals(2.1, ref.scaled().get(1), 1e-12);
    assertTrue(ref.describe().startsWith("latency 1258.9 ms"), ref.describe());
  }

  /** Verifies the paper's rule and the regret on a hand-made workload. */
  @Test
  void regretOfAWorseFront() {
    FrontEntry fastDear = entry(0, 100, 60, null);
    FrontEntry midCheap = entry(5, 200, 40, null);
    FrontEntry slowCheapest = entry(9, 400, 2, null);
    SlaWorkload w = new SlaWorkload("m", new double[] {50, 150, 250, 500});
    // exhaustive: 50 -> fastest (60, missed), 150 -> 60, 250 -> 40, 500 -> 2: mean 40.5
    FrontRegret.Schedule all =
        FrontRegret.schedule("m", List.of(fastDear, midCheap, slowCheapest), w);
    assertEquals(40.5, all.energyPerRequestJ(), 1e-12);
    assertEquals(3, all.slasMet());
    // without the middle entry the 250 ms request costs 60: mean 45.5
    double regret =
        FrontRegret.regret(
            "m", List.of(fastDear, slowCheapest), List.of(fastDear, midCheap, slowCheapest), w);
    assertEquals(45.5 / 40.5 - 1, regret, 1e-12);
    assertThrows(IllegalArgumentException.class, () -> FrontRegret.schedule("m", List.of(), w));
  }

  /**
   * Verifies that fidelity becomes an objective only when it spreads by more than the tolerance.
   */
  @Test
  void fidelityCountsWhereItVaries() {
    assertEquals(
        Objectives.LATENCY_ENERGY,
        Objectives.forEntries(List.of(entry(1, 1, 1, 0.603), entry(2, 2, 2, 0.611))));
    assertEquals(
        Objectives.LATENCY_ENERGY_FIDELITY,
        Objectives.forEntries(List.of(entry(1, 1, 1, 0.60), entry(2, 2, 2, 0.70))));
    assertEquals(
        Objectives.LATENCY_ENERGY,
        Objectives.forEntries(List.of(entry(1, 1, 1, null), entry(2, 2, 2, 0.70))));
  }
}
