package io.dynasplit.energy;

import io.dynasplit.schemas.EnergySource;
import java.io.IOException;

/**
 * A device that reports instantaneous power, read by a {@link PowerSampler}.
 *
 * @implNote {@link #readWatts()} blocks (an I2C transfer, a process); call it from a sampler thread
 *     only
 */
public interface PowerSensor extends AutoCloseable {

  /** Where this sensor's figures come from. */
  EnergySource source();

  /** A short human description, e.g. {@code ina226 on i2c bus 1 at 0x40 (shunt 0.1 ohm)}. */
  String description();

  /** Reads the power now, in watts. */
  double readWatts() throws IOException;

  /** Releases the device; safe to call twice. */
  @Override
  default void close() {}
}
