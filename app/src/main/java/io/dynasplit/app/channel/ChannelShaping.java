package io.dynasplit.app.channel;

import java.util.Locale;

/**
 * What a {@link ThrottlingProxy} does to the bytes it carries: a bandwidth for each direction and a
 * delay added to every byte, as a slow link between an edge and its broker would.
 *
 * @param uplinkMbps bandwidth from the client (the edge) to the broker in Mbit/s; 0 = unlimited
 * @param downlinkMbps bandwidth from the broker to the client in Mbit/s; 0 = unlimited
 * @param delayMs one-way delay added in each direction, in ms; 0 = none
 */
public record ChannelShaping(double uplinkMbps, double downlinkMbps, double delayMs) {

  /** Nothing shaped: bytes pass as fast as loopback carries them. */
  public static final ChannelShaping NONE = new ChannelShaping(0, 0, 0);

  /** Checks the values. */
  public ChannelShaping {
    nonNegativeFinite("uplinkMbps", uplinkMbps);
    nonNegativeFinite("downlinkMbps", downlinkMbps);
    nonNegativeFinite("delayMs", delayMs);
  }

  /** The same link with both bandwidths multiplied by {@code factor} (0.1: a tenth), delay kept. */
  public ChannelShaping withBandwidthTimes(double factor) {
    if (!(factor > 0) || Double.isInfinite(factor)) {
      throw new IllegalArgumentException("factor must be a finite number > 0: " + factor);
    }
    return new ChannelShaping(uplinkMbps * factor, downlinkMbps * factor, delayMs);
  }

  /** Whether nothing is shaped. */
  public boolean isNone() {
    return uplinkMbps == 0 && downlinkMbps == 0 && delayMs == 0;
  }

  @Override
  public String toString() {
    return isNone()
        ? "unshaped"
        : String.format(
            Locale.ROOT,
            "up %s, down %s, +%s ms",
            rate(uplinkMbps),
            rate(downlinkMbps),
            trim(delayMs));
  }

  private static String rate(double mbps) {
    return mbps == 0 ? "unlimited" : trim(mbps) + " Mbit/s";
  }

  private static String trim(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.3g", v);
  }

  private static void nonNegativeFinite(String name, double v) {
    if (!(v >= 0) || Double.isInfinite(v)) {
      throw new IllegalArgumentException(name + " must be a finite number >= 0: " + v);
    }
  }
}
