package io.dynasplit.edge.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dynasplit.scheduler.Decision;
import io.dynasplit.scheduler.Policy;
import io.dynasplit.scheduler.Scheduler;
import io.dynasplit.schemas.Configuration;
import io.dynasplit.schemas.ParetoFront;
import java.util.List;
import org.junit.jupiter.api.Test;

class DefaultFrontsTest {

  /**
   * Verifies that an unprofiled model runs on the edge by default and in the cloud under the cloud
   * policy.
   */
  @Test
  void defaultFrontRunsOnTheEdgeUnlessTheCloudIsAskedFor() {
    ParetoFront front = DefaultFronts.of("m", List.of(0, 5, 9, 12), 12);
    assertEquals(4, front.entries().size());
    assertEquals(Configuration.CLOUD_NONE, front.entries().get(0).config().cloudAccelerator());
    for (Policy policy : List.of(Policy.DYNASPLIT, Policy.ADAPTIVE)) {
      Scheduler scheduler = new Scheduler(policy, io.dynasplit.scheduler.AdaptiveSettings.DEFAULT);
      scheduler.load(front);
      Decision d = scheduler.decide("m", 100);
      assertEquals(12, d.entry().config().split(), "policy " + policy);
    }
    Scheduler scheduler = Scheduler.withDefaults();
    scheduler.load(front);
    assertEquals(0, scheduler.decide("m", 100, Policy.CLOUD, false).entry().config().split());
  }
}
