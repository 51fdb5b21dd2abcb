package io.dynasplit.app.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** When a warm-up ends: settled timings, the bounds. */
class WarmUpTest {

  /** Feeds totals until done; returns how many it took. */
  private static int runUntilDone(WarmUp w, java.util.function.IntToDoubleFunction totalMs) {
    int i = 0;
    while (!w.done()) {
      w.record(totalMs.applyAsDouble(i++));
    }
    return i;
  }

  @Test
  void steadyTimingsEndOnceTheyStopImproving() {
    WarmUp w = new WarmUp(3, 100);
    assertEquals((1 + WarmUp.PATIENCE) * WarmUp.WINDOW, runUntilDone(w, i -> 12.0));
    assertTrue(w.settled());
  }

  @Test
  void aColdStartGoesOnUntilTheTimingsStopFalling() {
    // 35 ms falling 3% a request toward 12 ms: settles only once the drop per window is small
    WarmUp w = new WarmUp(3, 1000);
    int n = runUntilDone(w, i -> 12 + 23 * Math.pow(0.97, i));
    assertTrue(n > 40, "ended while still falling, after " + n);
    assertTrue(w.settled());
  }

  @Test
  void timingsThatKeepFallingEndAtTheBound() {
    WarmUp w = new WarmUp(0, 25);
    assertEquals(25, runUntilDone(w, i -> 1000 * Math.pow(0.9, i)));
    assertFalse(w.settled());
  }

  @Test
  void theLeastIsKeptEvenWhenSettled() {
    WarmUp w = new WarmUp(40, 100);
    assertEquals(40, runUntilDone(w, i -> 3.0));
  }

  @Test
  void badBoundsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new WarmUp(-1, 3));
    assertThrows(IllegalArgumentException.class, () -> new WarmUp(5, 4));
  }
}
