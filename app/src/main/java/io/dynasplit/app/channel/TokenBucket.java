package io.dynasplit.app.channel;

import java.util.function.DoubleSupplier;

/**
 * One direction of a shaped link: a token bucket filled at the link's bandwidth, holding at most
 * {@code burstBytes}. Sending {@code n} bytes takes {@code n} tokens; a sender that finds too few
 * waits until the bucket has lent them back (the bucket may go into debt, so senders queue behind
 * each other as on one wire). Every connection in that direction shares the bucket.
 *
 * <p>Thread-safe. The bandwidth is read on every call, so it can change at any time.
 */
final class TokenBucket {

  private final DoubleSupplier mbps;
  private final double burstBytes;
  private double tokens;
  private long lastNanos;

  /**
   * A bucket.
   *
   * @param mbps the bandwidth in Mbit/s now; 0 = unlimited
   * @param burstBytes the most bytes that pass at once after an idle spell
   */
  TokenBucket(DoubleSupplier mbps, double burstBytes) {
    this.mbps = mbps;
    this.burstBytes = burstBytes;
    this.tokens = burstBytes;
    this.lastNanos = System.nanoTime();
  }

  /**
   * Takes {@code bytes} tokens at {@code nowNanos}.
   *
   * @return how long the sender must wait before the bytes have passed, in ns; 0 when the bucket
   *     held enough, or with no bandwidth limit
   */
  synchronized long take(int bytes, long nowNanos) {
    double rate = mbps.getAsDouble();
    if (rate == 0) {
      tokens = burstBytes;
      lastNanos = nowNanos;
      return 0;
    }
    double bytesPerNano = rate * 1e6 / 8 / 1e9;
    tokens = Math.min(burstBytes, tokens + (nowNanos - lastNanos) * bytesPerNano);
    lastNanos = nowNanos;
    tokens -= bytes;
    return tokens >= 0 ? 0 : (long) (-tokens / bytesPerNano);
  }
}
