package io.dynasplit.energy;

import io.dynasplit.schemas.EnergySource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Energy from the Intel RAPL counters of all packages: source {@link EnergySource#RAPL}.
 *
 * <p>A window reads each package's {@code energy_uj} at open and at close and sums the differences,
 * allowing for wraparound at {@code max_energy_range_uj}. RAPL covers the CPU packages (cores,
 * caches, memory controller), not the whole machine.
 *
 * @implNote {@code open} and {@code close} each read one small sysfs file per package (a few
 *     microseconds); a read that fails throws {@link UncheckedIOException}
 */
public final class RaplEnergyMeter implements EnergyMeter {

  private final List<RaplZone> zones;

  /** A meter over the given package zones (at least one). */
  public RaplEnergyMeter(List<RaplZone> zones) {
    if (zones.isEmpty()) {
      throw new IllegalArgumentException("zones must not be empty");
    }
    this.zones = List.copyOf(zones);
  }

  /** The zones summed. */
  public List<RaplZone> zones() {
    return zones;
  }

  @Override
  public EnergySource source() {
    return EnergySource.RAPL;
  }

  @Override
  public Window open() {
    long start = System.nanoTime();
    return new RaplWindow(start, readAll());
  }

  private long[] readAll() {
    long[] values = new long[zones.size()];
    for (int i = 0; i < values.length; i++) {
      try {
        values[i] = zones.get(i).readMicrojoules();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return values;
  }

  private final class RaplWindow implements Window {
    private final long startNanos;
    private final long[] startUj;
    private final AtomicBoolean closed = new AtomicBoolean();

    RaplWindow(long startNanos, long[] startUj) {
      this.startNanos = startNanos;
      this.startUj = startUj;
    }

    @Override
    public EnergyReading close() {
      if (!closed.compareAndSet(false, true)) {
        throw new IllegalStateException("energy window already closed");
      }
      long[] endUj = readAll();
      long end = System.nanoTime();
      long total = 0;
      for (int i = 0; i < endUj.length; i++) {
        total += zones.get(i).deltaMicrojoules(startUj[i], endUj[i]);
      }
      return new EnergyReading(total / 1e6, EnergySource.RAPL, startNanos, end);
    }
  }
}
