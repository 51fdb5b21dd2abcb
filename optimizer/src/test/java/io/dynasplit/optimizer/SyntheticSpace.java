package io.dynasplit.optimizer;

import io.dynasplit.scheduler.ConfigurationSpace;
import io.dynasplit.schemas.Codec;
import io.dynasplit.schemas.Configuration;
import io.dynasplit.schemas.FrontEntry;
import java.util.List;
import java.util.Optional;

/**
 * A small configuration space (48 valid configurations) with figures from a formula that trades
 * latency against energy, for optimizer tests.
 */
final class SyntheticSpace {

  static final ConfigurationSpace SPACE =
      new ConfigurationSpace(
          List.of(0, 1, 2, 3, 4),
          List.of(600, 1200, 1800),
          List.of("off", "max"),
          List.of(0),
          List.of(Codec.FP32),
          List.of("cpu", "gpu"),
          4);

  private SyntheticSpace() {}

  /**
   * The figures of a configuration: the edge is slow and cheap (power grows with the square of the
   * frequency, the accelerator is faster for a little more power), the cloud fast and dear.
   */
  static FrontEntry figures(Configuration c) {
    boolean acc = c.edgeAccelerator().equals("max");
    double f = c.cpuFreqMHz() / 600.0;
    double head = c.split() * 100 / (f * (acc ? 2 : 1));
    boolean cloud = !c.cloudAccelerator().equals(Configuration.CLOUD_NONE);
    boolean gpu = c.cloudAccelerator().equals("gpu");
    double transfer = cloud ? 30.0 / (1 + c.split()) : 0;
    double tail = cloud ? (4 - c.split()) * (gpu ? 5 : 25) : 0;
    double edgeJ = head / 1000 * (1 + f * f + (acc ? 1.5 : 0));
    double cloudJ = cloud ? (4 - c.split()) * (gpu ? 0.5 : 0.3) + 0.2 : 0;
    return new FrontEntry(
        c,
        head + transfer + tail,
        head + transfer + tail,
        head,
        transfer,
        tail,
        cloud ? 1000 : 0,
        edgeJ,
        cloudJ,
        null,
        1);
  }

  static Optional<FrontEntry> evaluate(Configuration c) {
    return Optional.of(figures(c));
  }
}
