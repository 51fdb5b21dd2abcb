package io.dynasplit.cloud;

import io.dynasplit.schemas.EnergySource;
import io.dynasplit.schemas.Quantiles;
import io.dynasplit.schemas.node.NodeMeters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The meters of one cloud worker process (ARCHITECTURE 11), shared by its tail verticles, under the
 * names below (one place for them), and its bounded queue. Telemetry and the HTTP endpoint read the
 * same meters; the node's common tags ({@code role}, {@code node}) are the registry's.
 *
 * @implNote thread-safe; every method is a few atomic operations or meter updates.
 */
public final class CloudMetrics {

  /**
   * Tails answered, by {@code model}, {@code split} and {@code outcome} ({@code ok}, {@code
   * error}).
   */
  public static final String TAILS = "dynasplit.tails";

  /** Tails refused with {@code OVERLOADED}. */
  public static final String REJECTED = "dynasplit.tails.rejected";

  /** Tails dropped without running (malformed, past their deadline). */
  public static final String DROPPED = "dynasplit.tails.dropped";

  /** Compute time of a tail, by {@code model} and {@code split}. */
  public static final String TAIL_DURATION = "dynasplit.tail.duration";

  /** Time a tail waited in the worker's queue. */
  public static final String QUEUE_DURATION = "dynasplit.tail.queue.duration";

  /** Tails waiting or running now. */
  public static final String QUEUED = "dynasplit.tails.queued";

  /** Joules, by {@code side} (always {@code cloud} here) and {@code source}: the edge's name. */
  public static final String ENERGY = NodeMeters.ENERGY;

  private static final int WINDOW = 256;

  private final MeterRegistry registry;
  private final int maxQueue;
  private final AtomicInteger queued = new AtomicInteger();
  private final Counter rejected;
  private final Counter dropped;
  private final Timer queueWait;
  private final double[] recent = new double[WINDOW];
  private int recentCount;
  private int recentNext;

  /** A worker's meters in {@code registry}, with a queue bound. */
  public CloudMetrics(MeterRegistry registry, int maxQueue) {
    if (maxQueue < 1) {
      throw new IllegalArgumentException("maxQueue must be >= 1: " + maxQueue);
    }
    this.registry = Objects.requireNonNull(registry, "registry");
    this.maxQueue = maxQueue;
    rejected =
        Counter.builder(REJECTED)
            .description("tails refused with OVERLOADED (queue full)")
            .register(registry);
    dropped =
        Counter.builder(DROPPED)
            .description("tails answered without running: malformed or past their deadline")
            .register(registry);
    queueWait =
        Timer.builder(QUEUE_DURATION)
            .description("time a tail waited in the worker's queue")
            .register(registry);
    Gauge.builder(QUEUED, queued, AtomicInteger::get)
        .description("tails waiting or running now")
        .register(registry);
  }

  /** The registry the meters are in. */
  public MeterRegistry registry() {
    return registry;
  }

  /** Takes a queue slot; false (and counted as rejected) when the queue is full. */
  public boolean tryAdmit() {
    while (true) {
      int q = queued.get();
      if (q >= maxQueue) {
        rejected.increment();
        return false;
      }
      if (queued.compareAndSet(q, q + 1)) {
        return true;
      }
    }
  }

  /** Gives a slot back after a tail that ran, with its queue wait and service time. */
  public void done(String model, int split, double queueMs, double serviceMs, boolean ok) {
    queued.decrementAndGet();
    String s = Integer.toString(split);
    Counter.builder(TAILS)
        .description("tails answered, by model, split and outcome")
        .tags("model", model, "split", s, "outcome", ok ? "ok" : "error")
        .register(registry)
        .increment();
    NodeMeters.record(
        Timer.builder(TAIL_DURATION)
            .description("compute time of a tail")
            .tags("model", model, "split", s)
            .register(registry),
        serviceMs);
    NodeMeters.record(queueWait, queueMs);
    synchronized (recent) {
      recent[recentNext] = queueMs + serviceMs;
      recentNext = (recentNext + 1) % WINDOW;
      recentCount = Math.min(recentCount + 1, WINDOW);
    }
  }

  /** Counts a tail's joules with their source. */
  public void energy(double joules, EnergySource source) {
    NodeMeters.energy(registry, "cloud", source).increment(joules);
  }

  /** Gives a slot back for a job that was answered without running (expired, malformed). */
  public void dropped() {
    queued.decrementAndGet();
    dropped.increment();
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
    return tails("ok");
  }

  /** Jobs answered {@code OVERLOADED}. */
  public long rejected() {
    return (long) rejected.count();
  }

  /** Jobs answered with another error: failed tails and dropped jobs. */
  public long failed() {
    return tails("error") + (long) dropped.count();
  }

  /** Total compute time spent on tails, in milliseconds. */
  public double busyMs() {
    double ms = 0;
    for (Timer t : registry.find(TAIL_DURATION).timers()) {
      ms += t.totalTime(TimeUnit.MILLISECONDS);
    }
    return ms;
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
      copy = Arrays.copyOf(recent, recentCount);
    }
    Arrays.sort(copy);
    return Quantiles.ofSorted(copy, q);
  }

  private long tails(String outcome) {
    double n = 0;
    for (Counter c : registry.find(TAILS).tag("outcome", outcome).counters()) {
      n += c.count();
    }
    return (long) n;
  }
}
