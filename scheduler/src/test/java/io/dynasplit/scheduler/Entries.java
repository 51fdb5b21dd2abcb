package io.dynasplit.scheduler;

import io.dynasplit.schemas.Codec;
import io.dynasplit.schemas.Configuration;
import io.dynasplit.schemas.FrontEntry;

/** Hand-made front entries for the scheduler tests. */
final class Entries {

  private Entries() {}

  /** An entry at a split and frequency whose latency is all head time and energy all edge. */
  static FrontEntry edgeHeavy(int split, int mhz, double latencyMs, double energyJ) {
    return new FrontEntry(
        new Configuration(
            split, mhz, "off", 0, Codec.FP32, split == 22 ? Configuration.CLOUD_NONE : "gpu"),
        latencyMs,
        latencyMs,
        latencyMs,
        0,
        0,
        0,
        energyJ,
        0,
        null,
        1);
  }

  /** A split entry with explicit parts: latency is their sum; energy split evenly. */
  static FrontEntry split(
      int split,
      int mhz,
      double headMs,
      double transferMs,
      double tailMs,
      long bytes,
      double energyJ) {
    return new FrontEntry(
        new Configuration(split, mhz, "off", 0, Codec.FP32, "gpu"),
        headMs + transferMs + tailMs,
        headMs + transferMs + tailMs,
        headMs,
        transferMs,
        tailMs,
        bytes,
        energyJ / 2,
        energyJ / 2,
        null,
        1);
  }
}
