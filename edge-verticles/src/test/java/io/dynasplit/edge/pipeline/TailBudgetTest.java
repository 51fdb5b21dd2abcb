package io.dynasplit.edge.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TailBudgetTest {

  private static final long MS = 1_000_000L;

  /** Verifies that the edge waits for the cloud until only the reserved local tail is left. */
  @Test
  void waitsUntilTheReservedLocalTailIsLeft() {
    // 20 ms local tail: reserve 20 * 1.5 + 10 = 40 ms of a 1000 ms budget
    assertEquals(960, new TailBudget(20).cloudWaitMs(1000 * MS));
  }

  /** Verifies that when a local tail cannot fit anyway, the edge waits until the deadline. */
  @Test
  void waitsUntilTheDeadlineWhenNoLocalTailFits() {
    assertEquals(500, new TailBudget(100_000).cloudWaitMs(500 * MS));
  }

  /** Verifies that the wait is at least 1 ms, even past the deadline. */
  @Test
  void waitsAtLeastOneMillisecond() {
    assertEquals(1, new TailBudget(0).cloudWaitMs(0));
    assertEquals(1, new TailBudget(5).cloudWaitMs(-20 * MS));
  }

  /** Verifies the fallback decision: a local tail runs only when it fits in the time left. */
  @Test
  void fallsBackOnlyWhenTheLocalTailFits() {
    TailBudget budget = new TailBudget(30);
    assertTrue(budget.localTailFits(30));
    assertTrue(budget.localTailFits(500));
    assertFalse(budget.localTailFits(29.9));
    assertFalse(budget.localTailFits(-5));
  }

  /** Verifies the tail call's message expiry: whole seconds past the deadline, at least one. */
  @Test
  void expiryRoundsUpPastTheDeadline() {
    assertEquals(1, TailBudget.expirySeconds(0));
    assertEquals(1, TailBudget.expirySeconds(999 * MS));
    assertEquals(3, TailBudget.expirySeconds(2500 * MS));
  }

  /** Verifies that a negative or non-finite local tail time is refused with its value. */
  @Test
  void refusesBadLocalTailTimes() {
    assertThrows(IllegalArgumentException.class, () -> new TailBudget(-1));
    assertThrows(IllegalArgumentException.class, () -> new TailBudget(Double.NaN));
  }
}
