package io.dynasplit.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class QuantilesTest {

  /** Verifies type-7 quantiles against values computed by hand (and by numpy's default). */
  @Test
  void interpolatesBetweenTheClosestRanks() {
    double[] v = {1, 2, 3, 4};
    assertEquals(2.5, Quantiles.ofSorted(v, 0.5), 1e-12);
    assertEquals(1, Quantiles.ofSorted(v, 0), 1e-12);
    assertEquals(4, Quantiles.ofSorted(v, 1), 1e-12);
    // h = 0.95 * 3 = 2.85: 3 + 0.85 * (4 - 3)
    assertEquals(3.85, Quantiles.ofSorted(v, 0.95), 1e-12);
    double[] ten = {10, 20, 30, 40, 50, 60, 70, 80, 90, 100};
    // h = 0.99 * 9 = 8.91: 90 + 0.91 * 10
    assertEquals(99.1, Quantiles.ofSorted(ten, 0.99), 1e-9);
  }

  /** Verifies that one value is every quantile, and that only the first n values count. */
  @Test
  void oneValueAndAPrefix() {
    assertEquals(7, Quantiles.ofSorted(new double[] {7}, 0.95), 0);
    assertEquals(1.5, Quantiles.ofSorted(new double[] {1, 2, 99, 99}, 2, 0.5), 1e-12);
  }

  /** Verifies that no values and a quantile outside [0, 1] are clear errors. */
  @Test
  void rejectsNoValuesAndBadQuantiles() {
    assertThrows(IllegalArgumentException.class, () -> Quantiles.ofSorted(new double[0], 0.5));
    assertThrows(IllegalArgumentException.class, () -> Quantiles.ofSorted(new double[] {1}, 1.5));
    assertThrows(
        IllegalArgumentException.class, () -> Quantiles.ofSorted(new double[] {1}, Double.NaN));
  }
}
