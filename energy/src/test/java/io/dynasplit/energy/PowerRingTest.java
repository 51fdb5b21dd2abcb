package io.dynasplit.energy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PowerRingTest {

  private static final long MS = 1_000_000L;

  /**
   * Verifies that constant power integrates to power times window length, inside and beyond the
   * samples.
   */
  @Test
  void constantPowerIntegratesToPowerTimesTime() {
    PowerRing ring = new PowerRing(16);
    for (int i = 0; i <= 10; i++) {
      ring.add(i * 100 * MS, 5.0);
    }
    assertEquals(5.0 * 1.0, ring.joules(0, 1000 * MS), 1e-12);
    assertEquals(5.0 * 0.25, ring.joules(130 * MS, 380 * MS), 1e-12);
    assertEquals(5.0 * 2.0, ring.joules(-500 * MS, 1500 * MS), 1e-12); // held beyond both ends
  }

  /**
   * Verifies that a linear ramp integrates exactly, including windows that cut sampling intervals.
   */
  @Test
  void linearRampIntegratesExactly() {
    PowerRing ring = new PowerRing(64);
    // P(t) = 2 + 3 t (t in seconds), sampled every 50 ms over [0, 2] s
    for (int i = 0; i <= 40; i++) {
      double t = i * 0.05;
      ring.add(i * 50 * MS, 2 + 3 * t);
    }
    // integral of 2 + 3t over [a, b] = 2(b - a) + 1.5(b^2 - a^2)
    double a = 0.123;
    double b = 1.777;
    double expected = 2 * (b - a) + 1.5 * (b * b - a * a);
    assertEquals(expected, ring.joules(123 * MS, 1777 * MS), 1e-9);
    assertEquals(2 * 2 + 1.5 * 4, ring.joules(0, 2000 * MS), 1e-9);
  }

  /**
   * Verifies that a sampled sine integrates to its analytic integral within the trapezoidal error
   * bound.
   */
  @Test
  void sineIntegratesWithinTrapezoidalError() {
    PowerRing ring = new PowerRing(4096);
    // P(t) = 10 + 4 sin(2 pi t), 1 kHz for 2 s; exact integral over [0, 1.25] = 12.5 + 4/(2 pi) (1
    // - cos(2.5 pi))
    for (int i = 0; i <= 2000; i++) {
      double t = i / 1000.0;
      ring.add(i * MS, 10 + 4 * Math.sin(2 * Math.PI * t));
    }
    double exact = 12.5 + 4 / (2 * Math.PI) * (1 - Math.cos(2 * Math.PI * 1.25));
    // error bound (b - a) h^2 max|P''| / 12 = 1.25 * 1e-6 * 4 (2 pi)^2 / 12 ~ 1.6e-5
    assertEquals(exact, ring.joules(0, 1250 * MS), 2e-5);
  }

  /**
   * Verifies that irregular, seeded random sample times give the exact integral of the
   * piecewise-linear power.
   */
  @Test
  void irregularSamplesIntegrateAsPiecewiseLinear() {
    SplittableRandom random = new SplittableRandom(42);
    PowerRing ring = new PowerRing(256);
    long[] t = new long[100];
    double[] w = new double[100];
    long now = 0;
    double expected = 0;
    for (int i = 0; i < 100; i++) {
      now += 1 + random.nextLong(5 * MS);
      t[i] = now;
      w[i] = random.nextDouble(0, 20);
      ring.add(t[i], w[i]);
      if (i > 0) {
        expected += (w[i - 1] + w[i]) / 2 * (t[i] - t[i - 1]) / 1e9;
      }
    }
    assertEquals(expected, ring.joules(t[0], t[99]), 1e-9);
  }

  /** Verifies that a full ring forgets its oldest samples and integrates over what it keeps. */
  @Test
  void fullRingOverwritesOldest() {
    PowerRing ring = new PowerRing(8);
    for (int i = 0; i < 20; i++) {
      ring.add(i * MS, i < 12 ? 100.0 : 1.0);
    }
    assertEquals(8, ring.size());
    assertEquals(12 * MS, ring.oldestNanos());
    assertEquals(19 * MS, ring.newestNanos());
    assertEquals(1.0 * 0.007, ring.joules(12 * MS, 19 * MS), 1e-12);
  }

  /** Verifies that an empty ring, a reversed window and backwards time are refused. */
  @Test
  void refusesBadUse() {
    PowerRing ring = new PowerRing(4);
    assertThrows(IllegalStateException.class, () -> ring.joules(0, 1));
    ring.add(10, 1.0);
    assertThrows(IllegalArgumentException.class, () -> ring.joules(5, 1));
    assertThrows(IllegalArgumentException.class, () -> ring.add(9, 1.0));
    assertThrows(IllegalArgumentException.class, () -> ring.add(11, Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> new PowerRing(1));
  }
}
