package io.dynasplit.cloud;

/**
 * Emulated conditions for a cloud worker whose edge runs on the same machine (the demo, where every
 * transfer crosses loopback and the cloud is idle): a slow uplink from the edge to the cloud and a
 * busy cloud. It is an emulation, never a measurement: nothing here is on in production ({@link
 * #none()}), and a report built on it must say so.
 *
 * <ul>
 *   <li>The uplink: a tail request of B bytes waits {@code B * 8 / uplinkMbps} microseconds on an
 *       emulated link before the worker takes it, and the link carries one request at a time, so
 *       requests queue behind each other as on one real link. The edge measures the wait as
 *       transfer time (its round trip minus the cloud's own time), just as it would a slow network.
 *   <li>A busy cloud: after a tail, the worker's thread is held for {@code (tailSlowdown - 1)}
 *       times the tail's compute time, as if other tenants shared the machine; the tail's reported
 *       service time includes it (the edge sees {@code f_cloud} rise) and later tails queue behind
 *       it. The tail's energy stays what its own compute measured.
 * </ul>
 *
 * <p>Thread-safe: the setting can be changed at any time (a scenario's phases) while tails run.
 */
public final class EmulatedConditions {

  /**
   * What is emulated.
   *
   * @param uplinkMbps the uplink's bandwidth in Mbit/s; 0 for no emulated link (requests arrive as
   *     they do)
   * @param tailSlowdown how many times longer each tail holds the worker, {@code >= 1}; 1 for an
   *     idle cloud
   */
  public record Setting(double uplinkMbps, double tailSlowdown) {

    /** Nothing emulated. */
    public static final Setting NONE = new Setting(0, 1);

    /** Checks the values. */
    public Setting {
      if (!(uplinkMbps >= 0) || Double.isInfinite(uplinkMbps)) {
        throw new IllegalArgumentException(
            "uplinkMbps must be a finite number >= 0: " + uplinkMbps);
      }
      if (!(tailSlowdown >= 1) || Double.isInfinite(tailSlowdown)) {
        throw new IllegalArgumentException(
            "tailSlowdown must be a finite number >= 1: " + tailSlowdown);
      }
    }

    /** Whether nothing is emulated. */
    public boolean isNone() {
      return uplinkMbps == 0 && tailSlowdown == 1;
    }
  }

  private volatile Setting setting = Setting.NONE;
  private long linkFreeAtNanos;

  private EmulatedConditions() {}

  /** Conditions with nothing emulated, until {@link #set} says otherwise. */
  public static EmulatedConditions none() {
    return new EmulatedConditions();
  }

  /** Changes what is emulated from now on. */
  public void set(Setting s) {
    setting = java.util.Objects.requireNonNull(s, "setting");
  }

  /** What is emulated now. */
  public Setting setting() {
    return setting;
  }

  /**
   * How long a tail request of {@code bytes} that arrives at {@code nowNanos} waits on the emulated
   * uplink, in nanoseconds: its own transmission plus whatever the link still carries; 0 with no
   * emulated link.
   */
  public synchronized long uplinkDelayNanos(long bytes, long nowNanos) {
    double mbps = setting.uplinkMbps();
    if (mbps == 0) {
      linkFreeAtNanos = nowNanos;
      return 0;
    }
    long transmit = (long) (bytes * 8 * 1000 / mbps);
    long start = Math.max(nowNanos, linkFreeAtNanos);
    linkFreeAtNanos = start + transmit;
    return linkFreeAtNanos - nowNanos;
  }

  /** The time to hold the worker after a tail that computed for {@code computeMs}, in ms. */
  public double extraServiceMs(double computeMs) {
    return (setting.tailSlowdown() - 1) * computeMs;
  }
}
