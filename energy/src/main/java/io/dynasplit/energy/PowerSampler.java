package io.dynasplit.energy;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a {@link PowerSensor} at a fixed rate on its own platform thread and keeps the samples in a
 * {@link PowerRing}.
 *
 * <p>Ticks follow an absolute schedule (period after period from the start), so a late tick does
 * not shift the rest; ticks missed by more than one period are skipped, not made up. Each sample is
 * stamped at the middle of its sensor read. A failing read is counted and logged (the first, then
 * every 1000th) and sampling goes on.
 *
 * {@snippet :
 * try (PowerSampler sampler = PowerSampler.start(sensor, Duration.ofMillis(1), 1 << 16)) {
 *   EnergyMeter meter = new SampledEnergyMeter(sampler);
 *   // ...
 * }
 * }
 */
public final class PowerSampler implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(PowerSampler.class);

  private final PowerSensor sensor;
  private final long periodNanos;
  private final PowerRing ring;
  private final Thread thread;
  private final CountDownLatch firstSample = new CountDownLatch(1);
  private final AtomicLong errors = new AtomicLong();
  private final AtomicLong readNanos = new AtomicLong();
  private volatile boolean running = true;
  private volatile String lastError = "";

  private PowerSampler(PowerSensor sensor, Duration period, int capacity) {
    this.sensor = Objects.requireNonNull(sensor, "sensor");
    Objects.requireNonNull(period, "period");
    if (period.isNegative() || period.isZero() || period.compareTo(Duration.ofHours(1)) > 0) {
      throw new IllegalArgumentException("period must be in (0, 1h]: " + period);
    }
    this.periodNanos = period.toNanos();
    this.ring = new PowerRing(capacity);
    this.thread =
        Thread.ofPlatform().name("dynasplit-power-sampler").daemon().unstarted(this::loop);
  }

  /**
   * Starts sampling {@code sensor} every {@code period} into a ring of {@code capacity} samples.
   *
   * @param period between samples, in (0, 1 h]
   * @param capacity ring size, see {@link PowerRing#PowerRing(int)}
   */
  public static PowerSampler start(PowerSensor sensor, Duration period, int capacity) {
    PowerSampler sampler = new PowerSampler(sensor, period, capacity);
    sampler.thread.start();
    return sampler;
  }

  /** The sensor read. */
  public PowerSensor sensor() {
    return sensor;
  }

  /** The samples. */
  public PowerRing ring() {
    return ring;
  }

  /** Time between ticks. */
  public Duration period() {
    return Duration.ofNanos(periodNanos);
  }

  /**
   * Waits for the first successful sample.
   *
   * @return whether one came within {@code timeout}
   */
  public boolean awaitFirstSample(Duration timeout) throws InterruptedException {
    return firstSample.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  /**
   * Counters of this sampler so far.
   *
   * @param samples successful samples
   * @param errors failed sensor reads
   * @param meanReadMicros mean time of one sensor read
   * @param threadCpuNanos CPU time of the sampler thread, -1 where the JVM cannot tell
   * @param lastError message of the last failed read, empty if none
   */
  public record Stats(
      long samples, long errors, double meanReadMicros, long threadCpuNanos, String lastError) {}

  /** Counters so far. */
  public Stats stats() {
    long n = ring.totalAdded();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long cpu =
        threads.isThreadCpuTimeSupported() ? threads.getThreadCpuTime(thread.threadId()) : -1;
    return new Stats(n, errors.get(), n == 0 ? 0 : readNanos.get() / 1e3 / n, cpu, lastError);
  }

  private void loop() {
    long next = System.nanoTime();
    while (running) {
      sampleOnce();
      next += periodNanos;
      long now = System.nanoTime();
      if (next < now - periodNanos) {
        next = now; // too far behind: skip the missed ticks
      }
      long wait = next - now;
      if (wait > 0) {
        LockSupport.parkNanos(this, wait);
      }
    }
  }

  private void sampleOnce() {
    long t0 = System.nanoTime();
    try {
      double w = sensor.readWatts();
      long t1 = System.nanoTime();
      ring.add(t0 + (t1 - t0) / 2, w);
      readNanos.addAndGet(t1 - t0);
      firstSample.countDown();
    } catch (Exception e) {
      lastError = String.valueOf(e.getMessage());
      long n = errors.incrementAndGet();
      if (n == 1 || n % 1000 == 0) {
        LOG.warn(
            "power sensor read failed [sensor: {}, failures: {}]: {}",
            sensor.description(),
            n,
            e.toString());
      }
    }
  }

  /** Stops the thread and closes the sensor; safe to call twice. */
  @Override
  public void close() {
    if (!running) {
      return;
    }
    running = false;
    LockSupport.unpark(thread);
    try {
      thread.join(Math.max(1000, 3 * periodNanos / 1_000_000));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    sensor.close();
  }
}
