package io.dynasplit.app.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SplitSweepTest {

  /** Verifies that few candidates are all kept and many are thinned, first and last kept. */
  @Test
  void evenlySpacedKeepsTheEnds() {
    assertEquals(List.of(0, 5, 9), SplitSweep.evenlySpaced(List.of(0, 5, 9), 8));
    assertEquals(
        List.of(0, 3, 6, 9), SplitSweep.evenlySpaced(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), 4));
    assertEquals(List.of(0, 9), SplitSweep.evenlySpaced(List.of(0, 1, 2, 3, 9), 2));
  }
}
