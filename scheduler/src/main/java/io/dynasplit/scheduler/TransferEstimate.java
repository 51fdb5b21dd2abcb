package io.dynasplit.scheduler;

import io.dynasplit.schemas.Quantiles;
import java.util.Arrays;

/**
 * Live round trip and bandwidth of the edge's channel to the cloud, from the sizes and durations of
 * its recent transfers: a least-squares line {@code ms = rtt + bytes * msPerByte} over the window,
 * pulled towards the profiled channel by a prior worth {@code priorWeight} observations (so that a
 * stream of same-sized transfers still gives both figures), plus the chosen quantile of how far the
 * observations lie from that line.
 *
 * <p>Not thread-safe. Everything is computed when a sample enters or expires, never when read.
 */
final class TransferEstimate {

  private final double quantile;
  private final long maxAge;
  private final double priorWeight;
  private final double[] bytes;
  private final double[] ms;
  private final long[] stamps;
  private final double[] scratch;
  private int next;
  private int count;
  private int live;
  private long oldestLive = Long.MAX_VALUE;

  private double priorRttMs;
  private double priorMsPerByte;
  private double priorScaleBytes;

  private double rttMs;
  private double msPerByte;
  private double spread = 1;

  TransferEstimate(int capacity, long maxAge, double quantile, double priorWeight) {
    this.quantile = quantile;
    this.maxAge = maxAge;
    this.priorWeight = priorWeight;
    bytes = new double[capacity];
    ms = new double[capacity];
    stamps = new long[capacity];
    scratch = new double[capacity];
  }

  /**
   * Sets the profiled channel the estimates start from and fall back to.
   *
   * @param rtt round trip in ms
   * @param perByte ms per byte
   * @param typicalBytes a typical transfer size, which scales the prior on the slope
   */
  void setProfile(double rtt, double perByte, double typicalBytes) {
    priorRttMs = rtt;
    priorMsPerByte = perByte;
    priorScaleBytes = typicalBytes;
    refit(latestStamp());
  }

  void add(double b, double durationMs, long now) {
    bytes[next] = b;
    ms[next] = durationMs;
    stamps[next] = now;
    next = (next + 1) % bytes.length;
    count = Math.min(count + 1, bytes.length);
    refit(now);
  }

  void expire(long now) {
    if (live > 0 && now - oldestLive > maxAge) {
      refit(now);
    }
  }

  int live() {
    return live;
  }

  double rttMs() {
    return rttMs;
  }

  double msPerByte() {
    return msPerByte;
  }

  /** The chosen quantile of observed over fitted duration; 1 without observations. */
  double spread() {
    return spread;
  }

  /** The predicted duration of a transfer of {@code b} bytes at the chosen quantile. */
  double predictMs(double b) {
    return (rttMs + b * msPerByte) * spread;
  }

  private long latestStamp() {
    long latest = 0;
    for (int i = 0; i < count; i++) {
      latest = Math.max(latest, stamps[i]);
    }
    return latest;
  }

  /**
   * Solves the 2x2 normal equations of the ridge-regularized fit: the prior adds {@code
   * priorWeight} pseudo-observations of the profiled round trip and of the profiled slope (at the
   * typical size).
   */
  private void refit(long now) {
    double la = priorWeight;
    double lb = priorWeight * priorScaleBytes * priorScaleBytes;
    double s0 = la;
    double s1 = 0;
    double s2 = lb;
    double t0 = la * priorRttMs;
    double t1 = lb * priorMsPerByte;
    int n = 0;
    long oldest = Long.MAX_VALUE;
    for (int i = 0; i < count; i++) {
      if (now - stamps[i] <= maxAge) {
        double x = bytes[i];
        double y = ms[i];
        s0 += 1;
        s1 += x;
        s2 += x * x;
        t0 += y;
        t1 += x * y;
        n++;
        oldest = Math.min(oldest, stamps[i]);
      }
    }
    live = n;
    oldestLive = oldest;
    double det = s0 * s2 - s1 * s1;
    double a;
    double b;
    if (det > 1e-12 * s0 * s2) {
      a = (t0 * s2 - s1 * t1) / det;
      b = (s0 * t1 - s1 * t0) / det;
    } else {
      // no spread in sizes and no prior on the slope (profile without transfers): a line through
      // the mean at the profiled round trip
      a = priorRttMs;
      b = s1 > 0 ? Math.max(0, (t0 - s0 * a) / s1) : priorMsPerByte;
    }
    if (a < 0) {
      // a negative round trip is not physical: refit through the origin
      a = 0;
      b = s2 > 0 ? t1 / s2 : priorMsPerByte;
    }
    rttMs = a;
    msPerByte = Math.max(0, b);
    if (n == 0) {
      spread = 1;
      return;
    }
    int m = 0;
    for (int i = 0; i < count; i++) {
      if (now - stamps[i] <= maxAge) {
        double fitted = rttMs + bytes[i] * msPerByte;
        scratch[m++] = fitted > 0 ? ms[i] / fitted : 1;
      }
    }
    Arrays.sort(scratch, 0, m);
    spread = Quantiles.ofSorted(scratch, m, quantile);
  }
}
