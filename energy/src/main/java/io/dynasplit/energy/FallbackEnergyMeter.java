package io.dynasplit.energy;

import io.dynasplit.schemas.EnergySource;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A measuring meter backed by an estimating one: a window whose measurement fails (a sensor
 * stalled, a counter could not be read) gets the fallback's figure, with the fallback's source, so
 * every reading says honestly where it came from.
 */
public final class FallbackEnergyMeter implements EnergyMeter {

  private static final Logger LOG = LoggerFactory.getLogger(FallbackEnergyMeter.class);

  private final EnergyMeter primary;
  private final EnergyMeter fallback;
  private final AtomicLong fallbacks = new AtomicLong();

  /** Measures with {@code primary}, estimates with {@code fallback} where that fails. */
  public FallbackEnergyMeter(EnergyMeter primary, EnergyMeter fallback) {
    this.primary = Objects.requireNonNull(primary, "primary");
    this.fallback = Objects.requireNonNull(fallback, "fallback");
  }

  /** The measuring meter. */
  public EnergyMeter primary() {
    return primary;
  }

  /** Windows that got the fallback's figure so far. */
  public long fallbacks() {
    return fallbacks.get();
  }

  @Override
  public EnergySource source() {
    return primary.source();
  }

  @Override
  public Window open() {
    Window backup = fallback.open();
    Window main;
    try {
      main = primary.open();
    } catch (RuntimeException e) {
      noteFallback(e);
      return backup;
    }
    return new GuardedWindow(main, backup);
  }

  private final class GuardedWindow implements Window {
    private final Window main;
    private final Window backup;
    private final AtomicBoolean closed = new AtomicBoolean();

    GuardedWindow(Window main, Window backup) {
      this.main = main;
      this.backup = backup;
    }

    @Override
    public EnergyReading close() {
      if (!closed.compareAndSet(false, true)) {
        throw new IllegalStateException("energy window already closed");
      }
      EnergyReading estimate = backup.close();
      try {
        return main.close();
      } catch (RuntimeException e) {
        noteFallback(e);
        return estimate;
      }
    }
  }

  private void noteFallback(RuntimeException e) {
    long n = fallbacks.incrementAndGet();
    if (n == 1 || n % 1000 == 0) {
      LOG.warn(
          "energy measurement failed, using the {} estimate [source: {}, fallbacks: {}]: {}",
          fallback.source().wireName(),
          primary.source().wireName(),
          n,
          e.getMessage());
    }
  }

  @Override
  public void close() {
    primary.close();
    fallback.close();
  }
}
