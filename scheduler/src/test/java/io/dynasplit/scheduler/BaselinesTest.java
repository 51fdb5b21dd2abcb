package io.dynasplit.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.dynasplit.schemas.FrontEntry;
import java.util.List;
import org.junit.jupiter.api.Test;

class BaselinesTest {

  private static final FrontEntry CLOUD_SLOW_CPU = Entries.split(0, 600, 5, 40, 20, 600_000, 60);
  private static final FrontEntry CLOUD_FAST_CPU = Entries.split(0, 1800, 8, 40, 20, 600_000, 70);
  private static final FrontEntry EDGE_SLOW_CPU = Entries.edgeHeavy(22, 600, 300, 2);
  private static final FrontEntry EDGE_FAST_CPU = Entries.edgeHeavy(22, 1800, 400, 3);
  private static final FrontEntry MIDDLE = Entries.split(10, 1800, 50, 10, 10, 100_000, 20);

  /**
   * Verifies that the live cloud and edge policies pick the highest-frequency baseline, not the
   * fastest entry, as the simulator does.
   */
  @Test
  void policiesUseTheOneBaselineDefinition() {
    List<FrontEntry> entries =
        List.of(CLOUD_SLOW_CPU, CLOUD_FAST_CPU, EDGE_SLOW_CPU, EDGE_FAST_CPU, MIDDLE);
    FrontIndex index = FrontIndex.of("m", entries);
    Scheduler s = new Scheduler(Policy.DYNASPLIT, AdaptiveSettings.DEFAULT);
    s.load(index);

    assertSame(CLOUD_FAST_CPU, index.entry(index.cloudOnly()));
    assertSame(EDGE_FAST_CPU, index.entry(index.edgeOnly()));
    assertSame(CLOUD_FAST_CPU, s.decide("m", 1000, Policy.CLOUD, false).entry());
    assertSame(EDGE_FAST_CPU, s.decide("m", 1000, Policy.EDGE, false).entry());
    assertEquals(1, Baselines.cloud(entries));
    assertEquals(3, Baselines.edge(entries));
  }

  /** Verifies that entries with no all-cloud or all-edge configuration have no baseline. */
  @Test
  void noBaselineWithoutCandidates() {
    assertEquals(-1, Baselines.cloud(List.of(MIDDLE, EDGE_FAST_CPU)));
    assertEquals(-1, Baselines.edge(List.of(MIDDLE, CLOUD_FAST_CPU)));
  }
}
