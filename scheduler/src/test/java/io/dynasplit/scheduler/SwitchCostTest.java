package io.dynasplit.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dynasplit.schemas.Configuration;
import io.dynasplit.schemas.FrontEntry;
import java.util.List;
import org.junit.jupiter.api.Test;

class SwitchCostTest {

  /** Cheaper, but its latency sits right at the SLA: head drift decides whether it fits. */
  private static final FrontEntry TIGHT = Entries.edgeHeavy(22, 1800, 100, 1.00);

  /** A hair more expensive at another frequency, always within the SLA. */
  private static final FrontEntry ROOMY = Entries.edgeHeavy(21, 1400, 80, 1.01);

  /**
   * Runs requests with a head drift that alternates just below and just above 1 and counts hardware
   * changes.
   */
  private static int switches(SwitchCosts costs) {
    // a window of one, every observation trusted: the factor is the last observation, as noisy as
    // it gets
    Scheduler s =
        new Scheduler(Policy.ADAPTIVE, AdaptiveSettings.DEFAULT.withWindow(1).withEvidence(0));
    s.load(FrontIndex.of("m", List.of(TIGHT, ROOMY)));
    s.setSwitchCosts(costs);
    Configuration current = null;
    int changes = 0;
    for (int i = 0; i < 40; i++) {
      Decision d = s.decide("m", 101);
      Configuration chosen = d.entry().config();
      if (current != null && !chosen.sameEdgeHardware(current)) {
        changes++;
      }
      current = chosen;
      s.setCurrentConfiguration(chosen);
      double drift = i % 2 == 0 ? 0.995 : 1.02;
      s.live().observeHead(d.entry(), d.entry().headMs() * drift);
    }
    return changes;
  }

  /**
   * Verifies that the measured cost of a frequency change keeps adaptive from flapping between two
   * near-equal entries.
   */
  @Test
  void switchCostPreventsFlapping() {
    int free = switches(SwitchCosts.NONE);
    int costly = switches(SwitchCosts.NONE.with(SwitchCosts.ChangeKind.CPU_FREQUENCY, 120, 530));

    assertTrue(free >= 20, "without switch costs it should flap: " + free);
    assertTrue(costly <= 1, "with switch costs it should settle: " + costly);
  }

  /**
   * Verifies that the switch cost adds the changed kinds only, interpolating between p50 and p95.
   */
  @Test
  void switchCostSumsChangedKinds() {
    SwitchCosts costs =
        SwitchCosts.NONE
            .with(SwitchCosts.ChangeKind.CPU_FREQUENCY, 100, 200)
            .with(SwitchCosts.ChangeKind.EDGE_ACCELERATOR, 300, 500);
    Configuration from = TIGHT.config();
    Configuration to = from.withCpuFreqMHz(600).withEdgeAccelerator("max").withSplit(3);

    assertEquals(400, costs.costMs(from, to, 0.5), 1e-9);
    assertEquals(700, costs.costMs(from, to, 0.99), 1e-9);
    assertEquals(550, costs.costMs(from, to, 0.725), 1e-9);
    assertEquals(0, costs.costMs(from, from.withSplit(3), 0.99), 1e-9);
    assertEquals(0, costs.costMs(null, to, 0.99), 1e-9);
  }

  /**
   * Verifies that a switch which changes nothing costs the measured no-change apply, and an unknown
   * state nothing.
   */
  @Test
  void unchangedHardwareCostsTheNoChangeApply() {
    SwitchCosts costs =
        SwitchCosts.NONE
            .with(SwitchCosts.ChangeKind.CPU_FREQUENCY, 100, 200)
            .withNoChange(new SwitchCosts.Cost(7, 0.01, 0.03, 0.05));
    Configuration from = TIGHT.config();

    assertEquals(0.01, costs.costMs(from, from.withSplit(3), 0.5), 1e-12);
    assertEquals(0.03, costs.costMs(from, from.withSplit(3), 0.99), 1e-12);
    assertEquals(200, costs.costMs(from, from.withCpuFreqMHz(600), 0.99), 1e-9);
    assertEquals(0, costs.costMs(null, from, 0.99), 1e-12);
  }
}
