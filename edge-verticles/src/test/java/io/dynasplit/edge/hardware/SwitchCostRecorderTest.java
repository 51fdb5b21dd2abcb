package io.dynasplit.edge.hardware;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dynasplit.scheduler.SwitchCosts;
import io.dynasplit.scheduler.SwitchCosts.ChangeKind;
import org.junit.jupiter.api.Test;

class SwitchCostRecorderTest {

  /**
   * Verifies p50 and p95 over 1..100 ms (type 7, interpolated between the closest ranks) and that
   * unmeasured kinds stay at zero.
   */
  @Test
  void summarizesByKind() {
    SwitchCostRecorder recorder = new SwitchCostRecorder(1000);
    for (int ms = 100; ms >= 1; ms--) {
      recorder.record(ChangeKind.CPU_FREQUENCY, ms * 1_000_000L);
    }
    SwitchCosts costs = recorder.snapshot();
    SwitchCosts.Cost cpu = costs.cost(ChangeKind.CPU_FREQUENCY);
    assertEquals(100, cpu.count());
    assertEquals(50.5, cpu.p50Ms(), 1e-9);
    assertEquals(95.05, cpu.p95Ms(), 1e-9);
    assertEquals(100.0, cpu.maxMs(), 1e-9);
    assertEquals(SwitchCosts.Cost.UNMEASURED, costs.cost(ChangeKind.EDGE_ACCELERATOR));
  }

  /**
   * Verifies that only the most recent window of durations is summarized, while the count goes on.
   */
  @Test
  void keepsTheRecentWindow() {
    SwitchCostRecorder recorder = new SwitchCostRecorder(4);
    for (int i = 0; i < 10; i++) {
      recorder.recordNoChange(i < 6 ? 1_000_000_000L : 2_000_000L);
    }
    SwitchCosts.Cost none = recorder.snapshot().noChange();
    assertEquals(10, none.count());
    assertEquals(2.0, none.maxMs(), 1e-9);
  }

  /**
   * Verifies that measured kinds reach the scheduler's cost model and unmeasured ones stay out of
   * it.
   */
  @Test
  void convertsForTheScheduler() {
    SwitchCostRecorder recorder = new SwitchCostRecorder(16);
    recorder.record(ChangeKind.CPU_FREQUENCY, 3_000_000L);
    recorder.recordNoChange(1_000L);
    SwitchCosts forScheduler = recorder.snapshot();
    assertEquals(
        new SwitchCosts.Cost(1, 3.0, 3.0, 3.0), forScheduler.costs().get(ChangeKind.CPU_FREQUENCY));
    assertEquals(1, forScheduler.costs().size());
  }
}
