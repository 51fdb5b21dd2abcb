package io.dynasplit.cloud;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EmulatedConditionsTest {

  /** Verifies that nothing is emulated by default: no wait, no hold. */
  @Test
  void addsNothingByDefault() {
    EmulatedConditions c = EmulatedConditions.none();
    assertTrue(c.setting().isNone());
    assertEquals(0, c.uplinkDelayNanos(1_000_000, 0));
    assertEquals(0, c.extraServiceMs(5));
  }

  /**
   * Verifies that the emulated uplink takes bytes * 8 / Mbps and carries one request at a time: a
   * second request arriving while the first is on the link waits for it.
   */
  @Test
  void uplinkSerialisesTransfers() {
    EmulatedConditions c = EmulatedConditions.none();
    c.set(new EmulatedConditions.Setting(8, 1));
    // 100 000 bytes at 8 Mbit/s: 100 ms
    assertEquals(100_000_000L, c.uplinkDelayNanos(100_000, 0));
    // arrives 40 ms later: 60 ms left of the first, then its own 100 ms
    assertEquals(160_000_000L, c.uplinkDelayNanos(100_000, 40_000_000L));
    // after the link is free again: its own time only
    assertEquals(100_000_000L, c.uplinkDelayNanos(100_000, 1_000_000_000L));
  }

  /** Verifies that a busy cloud holds the worker (slowdown - 1) times the tail's compute time. */
  @Test
  void busyCloudHoldsTheWorker() {
    EmulatedConditions c = EmulatedConditions.none();
    c.set(new EmulatedConditions.Setting(0, 4));
    assertEquals(15, c.extraServiceMs(5), 1e-9);
    c.set(EmulatedConditions.Setting.NONE);
    assertEquals(0, c.extraServiceMs(5));
  }

  /** Verifies that bad settings are refused. */
  @Test
  void refusesBadSettings() {
    assertThrows(IllegalArgumentException.class, () -> new EmulatedConditions.Setting(-1, 1));
    assertThrows(IllegalArgumentException.class, () -> new EmulatedConditions.Setting(1, 0.5));
  }
}
