package io.dynasplit.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dynasplit.schemas.FrontEntry;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchedulerTest {

  private static final FrontEntry FAST = Entries.split(0, 1800, 10, 10, 80, 600_000, 60);
  private static final FrontEntry MID = Entries.split(10, 1200, 150, 5, 70, 200_000, 20);
  private static final FrontEntry SLOW = Entries.edgeHeavy(22, 1000, 400, 2);

  private static Scheduler schedulerWith(Policy policy, FrontEntry... entries) {
    Scheduler s = new Scheduler(policy, AdaptiveSettings.DEFAULT);
    s.load(FrontIndex.of("m", List.of(entries)));
    return s;
  }

  /**
   * Verifies that the paper's rule picks the least energy among entries whose latency meets the
   * SLA.
   */
  @Test
  void dynasplitPicksCheapestWithinSla() {
    Scheduler s = schedulerWith(Policy.DYNASPLIT, SLOW, FAST, MID);

    assertSame(MID, s.decide("m", 300).entry());
    assertSame(SLOW, s.decide("m", 400).entry());
    assertSame(FAST, s.decide("m", 100).entry());
    Decision d = s.decide("m", 225);
    assertEquals(Decision.Status.MEETS_SLA, d.status());
    assertEquals(225, d.predictedLatencyMs(), 1e-9);
    assertEquals(20, d.predictedEnergyJ(), 1e-9);
    assertTrue(d.slaMet());
  }

  /** Verifies that an SLA above every entry gets the cheapest entry of the whole front. */
  @Test
  void slaAboveEveryEntryGetsCheapest() {
    Scheduler s = schedulerWith(Policy.DYNASPLIT, FAST, MID, SLOW);

    Decision d = s.decide("m", 10_000);

    assertSame(SLOW, d.entry());
    assertTrue(d.slaMet());
  }

  /**
   * Verifies that an SLA below every entry gets the fastest, flagged as a predicted miss, or
   * INFEASIBLE on request.
   */
  @Test
  void slaBelowEveryEntryGetsFastestOrInfeasible() {
    Scheduler s = schedulerWith(Policy.DYNASPLIT, SLOW, MID, FAST);

    Decision late = s.decide("m", 50);
    Decision refused = s.decide("m", 50, null, true);

    assertSame(FAST, late.entry());
    assertEquals(Decision.Status.MISSES_SLA, late.status());
    assertFalse(late.slaMet());
    assertEquals(Decision.Status.INFEASIBLE, refused.status());
    assertNull(refused.entry());
  }

  /**
   * Verifies that among entries of equal energy the faster wins, and among equal latency the
   * cheaper.
   */
  @Test
  void tiesPreferFasterThenCheaper() {
    FrontEntry a = Entries.edgeHeavy(5, 1800, 200, 3);
    FrontEntry b = Entries.edgeHeavy(6, 1400, 250, 3);
    FrontEntry c = Entries.edgeHeavy(7, 1200, 250, 2.5);
    FrontEntry d = Entries.edgeHeavy(8, 1000, 250, 2.9);

    Scheduler equalEnergy = schedulerWith(Policy.DYNASPLIT, b, a);
    Scheduler equalLatency = schedulerWith(Policy.DYNASPLIT, d, c, a);

    assertSame(a, equalEnergy.decide("m", 300).entry());
    assertSame(c, equalLatency.decide("m", 250).entry());
    assertSame(c, equalLatency.decide("m", 300, Policy.ENERGY, false).entry());
  }

  /**
   * Verifies that an empty front is infeasible and an unloaded model is unknown, for every policy.
   */
  @Test
  void emptyFrontAndUnknownModel() {
    Scheduler s = schedulerWith(Policy.DYNASPLIT);

    for (Policy p : Policy.values()) {
      assertEquals(Decision.Status.INFEASIBLE, s.decide("m", 100, p, false).status(), p.wireName());
      assertEquals(
          Decision.Status.UNKNOWN_MODEL, s.decide("other", 100, p, false).status(), p.wireName());
    }
  }

  /**
   * Verifies that the static baselines pick their fixed entry whatever the SLA, and flag a
   * predicted miss.
   */
  @Test
  void baselinesAreFixed() {
    Scheduler s = schedulerWith(Policy.DYNASPLIT, MID, SLOW, FAST);

    assertSame(FAST, s.decide("m", 1000, Policy.CLOUD, false).entry());
    assertSame(SLOW, s.decide("m", 120, Policy.EDGE, false).entry());
    assertEquals(Decision.Status.MISSES_SLA, s.decide("m", 120, Policy.EDGE, false).status());
    assertSame(SLOW, s.decide("m", 120, Policy.ENERGY, false).entry());
    assertSame(FAST, s.decide("m", 5000, Policy.LATENCY, false).entry());
    assertEquals(Decision.Status.INFEASIBLE, s.decide("m", 120, Policy.EDGE, true).status());
  }

  /** Verifies that a front without an all-cloud entry answers INFEASIBLE to the cloud policy. */
  @Test
  void missingBaselineEntryIsInfeasible() {
    Scheduler s = schedulerWith(Policy.DYNASPLIT, MID, SLOW);

    assertEquals(Decision.Status.INFEASIBLE, s.decide("m", 1000, Policy.CLOUD, false).status());
  }

  /** Verifies that adaptive with nothing observed decides exactly as the paper's rule. */
  @Test
  void adaptiveWithoutObservationsEqualsDynasplit() {
    Scheduler adaptive = schedulerWith(Policy.ADAPTIVE, FAST, MID, SLOW);
    Scheduler paper = schedulerWith(Policy.DYNASPLIT, FAST, MID, SLOW);

    for (double sla = 50; sla < 600; sla += 7) {
      Decision a = adaptive.decide("m", sla);
      Decision p = paper.decide("m", sla);
      assertSame(p.entry(), a.entry(), "sla " + sla);
      assertEquals(p.status(), a.status(), "sla " + sla);
      assertEquals(p.predictedLatencyMs(), a.predictedLatencyMs(), 1e-9, "sla " + sla);
    }
  }

  /**
   * Verifies that adaptive leaves a transfer-heavy entry when the observed channel slows to a
   * quarter.
   */
  @Test
  void adaptiveAvoidsSlowChannel() {
    Scheduler s = schedulerWith(Policy.ADAPTIVE, FAST, MID, SLOW);
    assertSame(FAST, s.decide("m", 120).entry());

    for (int i = 0; i < 20; i++) {
      s.live().observeTransfer(FAST, 600_000, 40);
      s.live().observeTail(FAST, 80, 0);
      s.live().observeHead(FAST, 10);
    }
    Decision d = s.decide("m", 120);

    assertEquals(Decision.Status.MISSES_SLA, d.status());
    assertSame(FAST, d.entry());
    assertTrue(d.predictedLatencyMs() > 120, "predicted " + d.predictedLatencyMs());
    assertSame(MID, s.decide("m", 300).entry());
  }

  /**
   * Verifies that a request already past its deadline meets nothing, and a NaN SLA is refused with
   * a message naming it.
   */
  @Test
  void expiredAndNanSlas() {
    Scheduler s = schedulerWith(Policy.DYNASPLIT, FAST, SLOW);

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> s.decide("m", Double.NaN));

    assertEquals("slaMs must be a number: NaN", e.getMessage());
    for (Policy p : Policy.values()) {
      assertEquals(Decision.Status.MISSES_SLA, s.decide("m", -5, p, false).status(), p.wireName());
      assertEquals(Decision.Status.INFEASIBLE, s.decide("m", 0, p, true).status(), p.wireName());
    }
  }

  /** Verifies that policy names parse case-insensitively and a wrong one is refused. */
  @Test
  void policyNamesParse() {
    assertEquals(Policy.ADAPTIVE, Policy.of("Adaptive"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Policy.of("fastest"));
    assertTrue(e.getMessage().contains("fastest"), e.getMessage());
  }
}
