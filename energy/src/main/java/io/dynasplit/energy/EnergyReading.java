package io.dynasplit.energy;

import io.dynasplit.schemas.EnergySource;
import java.util.Objects;

/**
 * The energy a device used over one metering window, with the source of the figure.
 *
 * @param joules energy over the window, {@code >= 0}
 * @param source where the figure came from
 * @param startNanos window start, {@link System#nanoTime()} scale
 * @param endNanos window end, {@link System#nanoTime()} scale, {@code >= startNanos}
 */
public record EnergyReading(double joules, EnergySource source, long startNanos, long endNanos) {

  /** Checks the values. */
  public EnergyReading {
    Objects.requireNonNull(source, "source");
    if (!(joules >= 0) || Double.isInfinite(joules)) {
      throw new IllegalArgumentException("joules must be finite and >= 0: " + joules);
    }
    if (endNanos < startNanos) {
      throw new IllegalArgumentException(
          "endNanos must be >= startNanos: " + endNanos + " < " + startNanos);
    }
  }

  /** Length of the window in seconds. */
  public double seconds() {
    return (endNanos - startNanos) / 1e9;
  }

  /** Mean power over the window in watts; 0 for an empty window. */
  public double meanWatts() {
    double s = seconds();
    return s == 0 ? 0 : joules / s;
  }
}
