package io.dynasplit.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Tests of the emulated slower edge device. */
class EmulatedEdgeTest {

  private static final long MS = 1_000_000L;

  /**
   * Verifies that a step is held for (k - 1) times its least recent run, so a disturbed run is not
   * multiplied, that steps are kept apart, and that nothing is held with nothing emulated.
   */
  @Test
  void holdsForTheUndisturbedTimeOfEachStep() {
    EmulatedEdge edge = EmulatedEdge.slowerBy(3);
    assertEquals(20 * MS, edge.holdAfter("m/4/HEAD", 10 * MS));
    assertEquals(20 * MS, edge.holdAfter("m/4/HEAD", 40 * MS), "a slow run is not multiplied");
    assertEquals(16 * MS, edge.holdAfter("m/4/HEAD", 8 * MS));
    assertEquals(2 * MS, edge.holdAfter("m/9/HEAD", MS), "each step has its own runs");
    edge.slowHeadsBy(1);
    assertEquals(0, edge.holdAfter("m/4/HEAD", 10 * MS));
    assertEquals(0, EmulatedEdge.none().holdAfter("m/4/HEAD", 10 * MS));
  }

  /** Verifies that a slowdown below 1 or not finite is refused. */
  @Test
  void refusesASpeedUp() {
    assertThrows(IllegalArgumentException.class, () -> EmulatedEdge.slowerBy(0.5));
    assertThrows(IllegalArgumentException.class, () -> EmulatedEdge.slowerBy(Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> EmulatedEdge.none().slowHeadsBy(1 / 0.0));
  }
}
