package io.dynasplit.energy;

import io.dynasplit.schemas.EnergySource;

/**
 * Meters the energy of the device over windows of time, such as one request's edge window.
 *
 * <p>The data plane opens a window when a request's edge work starts and closes it when it ends:
 *
 * {@snippet :
 * EnergyMeter.Window window = meter.open();
 * // ... head inference, encoding, publishing ...
 * EnergyReading reading = window.close();
 * reply.energy(reading.joules(), reading.source().wireName());
 * }
 *
 * <p>The figure is the whole device's energy over the window (what a power sensor on the board's
 * supply sees), so overlapping windows each count the shared time.
 *
 * @implNote implementations are thread-safe and cheap (microseconds), and {@code open} and {@code
 *     close} may run on different threads; but the RAPL meter reads one small sysfs file per
 *     package in each, so a caller that must never block (an event loop) calls them on a worker.
 */
public interface EnergyMeter extends AutoCloseable {

  /** The source of the figures this meter gives when all is well. */
  EnergySource source();

  /** Starts a window now. */
  Window open();

  /** Stops any background sampling this meter owns; safe to call twice. */
  @Override
  default void close() {}

  /** One metering window, closed once. */
  interface Window {
    /**
     * Ends the window now and returns its energy.
     *
     * @throws IllegalStateException if the window was already closed
     */
    EnergyReading close();
  }
}
