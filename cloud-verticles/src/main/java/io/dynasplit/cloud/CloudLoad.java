package io.dynasplit.cloud;

import io.dynasplit.schemas.Quantiles;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * The load of one cloud worker process, shared by its tail verticles: the bounded queue and what
 * telemetry reports.
 *
 * @implNote thread-safe; every method is a few atomic operations.
 */
public final class CloudLoad {

  private static final int WINDOW = 256;

  private final int maxQueue;
  private final AtomicInteger queued = new AtomicInteger();
  private final AtomicLong served = new AtomicLong();
  private final AtomicLong rejected = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final DoubleAdder busyMs = new DoubleAdder();
  private final double[] recent = new double[WINDOW];
  private int recentCount;
  private int recentNext;

  /** A load tracker with a queue bound. */
  public CloudLoad(int maxQueue) {
    if (maxQueue < 1) {
      throw new IllegalArgumentException("maxQueue must be >= 1: " + maxQueue);
    }
    this.maxQueue = maxQueue;
  }

  /** Takes a queue slot; false (and counted as rejected) when the queue is full. */
  public boolean tryAdmit() {
    while (true) {
      int q = queued.get();
      if (q >= maxQueue) {
        rejected.incrementAndGet();
        return false;
      }
      if (queued.compareAndSet(q, q + 1)) {
        return true;
      }
    }
  }

  /** Gives a slot back after a job that ran, with its queue wait and service time. */
  public void done(double queueMs, double serviceMs, boolean ok) {
    queued.decrementAndGet();
    if (ok) {
      served.incrementAndGet();
    } else {
      failed.incrementAndGet();
    }
    busyMs.add(serviceMs);
    synchronized (recent) {
      recent[recentNext] = queueMs + serviceMs;
      recentNext = (recentNext + 1) % WINDOW;
      recentCount = Math.min(recentCount + 1, WINDOW);
    }
  }

  /** Gives a slot back for a job that was answered without running (expired, malformed). */
  public void dropped() {
    queued.decrementAndGet();
    failed.incrementAndGet();
  }

  /** Jobs waiting or running now. */
  public int queued() {
    return queued.get();
  }

  /** The queue bound. */
  public int maxQueue() {
    return maxQueue;
  }

  /** Jobs answered with an output. */
  public long served() {
    return served.get();
  }

  /** Jobs answered {@code OVERLOADED}. */
  public long rejected() {
    return rejected.get();
  }

  /** Jobs answered with another error. */
  public long failed() {
    return failed.get();
  }

  /** Total compute time spent on tails, in milliseconds. */
  public double busyMs() {
    return busyMs.sum();
  }

  /**
   * A quantile of the time (queue wait plus compute) of the last 256 jobs, in milliseconds.
   *
   * @param q the quantile in [0, 1]
   * @return the quantile, or null before the first job
   */
  public Double serviceQuantileMs(double q) {
    if (!(q >= 0 && q <= 1)) {
      throw new IllegalArgumentException("q must be in [0, 1]: " + q);
    }
    double[] copy;
    synchronized (recent) {
      if (recentCount == 0) {
        return null;
      }
      copy = java.util.Arrays.copyOf(recent, recentCount);
    }
    java.util.Arrays.sort(copy);
    return Quantiles.ofSorted(copy, q);
  }
}
