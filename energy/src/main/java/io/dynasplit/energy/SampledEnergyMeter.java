package io.dynasplit.energy;

import io.dynasplit.schemas.EnergySource;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Energy from a sampled power sensor: the trapezoidal integral of the {@link PowerSampler}'s
 * samples over the window, with the sensor's source.
 *
 * <p>The window is integrated at close from the samples already taken: the power after the newest
 * sample is held at its value, so a window is accurate to within one sampling period at each end.
 *
 * @implNote {@code close} throws {@link IllegalStateException} when the samples do not cover the
 *     window (the sampler stalled, or the window is older than the ring's history); {@link
 *     EnergyMeters} then falls back to the power model for that window
 */
public final class SampledEnergyMeter implements EnergyMeter {

  private final PowerSampler sampler;
  private final long staleNanos;

  /** A meter over the sampler's ring; the meter owns the sampler and closes it. */
  public SampledEnergyMeter(PowerSampler sampler) {
    this.sampler = Objects.requireNonNull(sampler, "sampler");
    this.staleNanos = Math.max(4 * sampler.period().toNanos(), 50_000_000L);
  }

  /** The sampler behind this meter. */
  public PowerSampler sampler() {
    return sampler;
  }

  @Override
  public EnergySource source() {
    return sampler.sensor().source();
  }

  @Override
  public Window open() {
    return new SampledWindow(System.nanoTime());
  }

  @Override
  public void close() {
    sampler.close();
  }

  private final class SampledWindow implements Window {
    private final long startNanos;
    private final AtomicBoolean closed = new AtomicBoolean();

    SampledWindow(long startNanos) {
      this.startNanos = startNanos;
    }

    @Override
    public EnergyReading close() {
      if (!closed.compareAndSet(false, true)) {
        throw new IllegalStateException("energy window already closed");
      }
      long end = System.nanoTime();
      PowerRing ring = sampler.ring();
      if (ring.size() == 0) {
        throw new IllegalStateException(
            "no power samples yet [sensor: " + sampler.sensor().description() + "]");
      }
      if (ring.newestNanos() < end - staleNanos) {
        throw new IllegalStateException(
            "power samples are stale by "
                + (end - ring.newestNanos()) / 1_000_000
                + " ms [sensor: "
                + sampler.sensor().description()
                + "]");
      }
      if (ring.oldestNanos() > startNanos + staleNanos && ring.size() == ring.capacity()) {
        throw new IllegalStateException(
            "window is older than the sample history [sensor: "
                + sampler.sensor().description()
                + "]");
      }
      return new EnergyReading(ring.joules(startNanos, end), source(), startNanos, end);
    }
  }
}
