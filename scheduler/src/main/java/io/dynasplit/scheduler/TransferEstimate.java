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
 * <p>Round trip, ms per byte and spread move from the profiled channel to that fit only by the
 * share the {@link Evidence} carries: each observation is held against its front entry's own
 * transfer time, and while the window's mean of those ratios lies within {@code evidence} standard
 * errors of 1 the channel counts as the profiled one. Without a profiled channel the fit is used as
 * it is.
 *
 * <p>Not thread-safe. Everything is computed when a sample enters or expires, never when read.
 */
final class TransferEstimate {

  private final double quantile;
  private final long maxAge;
  private final double priorWeight;
  private final double evidence;
  private final double[] bytes;
  private final double[] ratio;
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

  TransferEstimate(
      int capacity, long maxAge, double quantile, double priorWeight, double evidence) {
    this.quantile = quantile;
    this.maxAge = maxAge;
    this.priorWeight = priorWeight;
    this.evidence = evidence;
    bytes = new double[capacity];
    ratio = new double[capacity];
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

  /**
   * Adds one transfer.
   *
   * @param b its size
   * @param durationMs how long it took
   * @param overFront its duration over its front entry's transfer time; NaN when unknown
   * @param now the request clock
   */
  void add(double b, double durationMs, double overFront, long now) {
    bytes[next] = b;
    ms[next] = durationMs;
    ratio[next] = overFront;
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
    double fitRtt = a;
    double fitPerByte = Math.max(0, b);
    if (n == 0) {
      rttMs = fitRtt;
      msPerByte = fitPerByte;
      spread = 1;
      return;
    }
    int m = 0;
    for (int i = 0; i < count; i++) {
      if (now - stamps[i] <= maxAge) {
        double fitted = fitRtt + bytes[i] * fitPerByte;
        scratch[m++] = fitted > 0 ? ms[i] / fitted : 1;
      }
    }
    Arrays.sort(scratch, 0, m);
    double fitSpread = Quantiles.ofSorted(scratch, m, quantile);
    double w = weight(now);
    rttMs = priorRttMs + w * (fitRtt - priorRttMs);
    msPerByte = priorMsPerByte + w * (fitPerByte - priorMsPerByte);
    spread = 1 + w * (fitSpread - 1);
  }

  /**
   * The share of the way from the profiled channel to the fit that the live ratios to their
   * entries' transfer times carry; 1 without a profiled channel or without ratios to judge by.
   */
  private double weight(long now) {
    if (priorRttMs == 0 && priorMsPerByte == 0) {
      return 1;
    }
    int n = 0;
    double sum = 0;
    for (int i = 0; i < count; i++) {
      if (now - stamps[i] <= maxAge && !Double.isNaN(ratio[i])) {
        sum += ratio[i];
        n++;
      }
    }
    if (n == 0) {
      return 1;
    }
    double mean = sum / n;
    double squares = 0;
    for (int i = 0; i < count; i++) {
      if (now - stamps[i] <= maxAge && !Double.isNaN(ratio[i])) {
        squares += (ratio[i] - mean) * (ratio[i] - mean);
      }
    }
    double sd = n > 1 ? Math.sqrt(squares / (n - 1)) : 0;
    return Evidence.weight(mean, 1, sd, n, evidence);
  }
}
