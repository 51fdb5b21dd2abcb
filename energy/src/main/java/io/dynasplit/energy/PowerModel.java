package io.dynasplit.energy;

/**
 * A linear power model of a device: idle power plus power per busy CPU core.
 *
 * <p>Power at {@code b} busy cores ({@code 0 <= b <= cores}) is {@code idleWatts + wattsPerBusyCore
 * * b}. The figures belong to one device and should be calibrated on it against a sensor (an INA
 * board or RAPL).
 *
 * @param idleWatts power of the idle device, {@code >= 0}
 * @param wattsPerBusyCore extra power of one fully busy core, {@code >= 0}
 * @param cores number of cores the busy time is capped at, {@code >= 1}
 */
public record PowerModel(double idleWatts, double wattsPerBusyCore, int cores) {

  /**
   * Rough, uncalibrated figures of a Raspberry Pi 4 B as commonly reported (about 2.7 W idle, 6.4 W
   * with four busy cores). Use only until the device is calibrated.
   */
  public static final PowerModel RASPBERRY_PI_4_UNCALIBRATED = new PowerModel(2.7, 0.925, 4);

  /** Checks the values. */
  public PowerModel {
    if (!(idleWatts >= 0) || Double.isInfinite(idleWatts)) {
      throw new IllegalArgumentException("idleWatts must be finite and >= 0: " + idleWatts);
    }
    if (!(wattsPerBusyCore >= 0) || Double.isInfinite(wattsPerBusyCore)) {
      throw new IllegalArgumentException(
          "wattsPerBusyCore must be finite and >= 0: " + wattsPerBusyCore);
    }
    if (cores < 1) {
      throw new IllegalArgumentException("cores must be >= 1: " + cores);
    }
  }

  /** A copy with another core count (e.g. this machine's). */
  public PowerModel withCores(int newCores) {
    return new PowerModel(idleWatts, wattsPerBusyCore, newCores);
  }

  /**
   * Energy over a window from its wall time and the CPU time spent in it.
   *
   * @param wallSeconds window length, {@code >= 0}
   * @param cpuSeconds CPU time spent in the window, summed over threads; capped at {@code cores *
   *     wallSeconds}
   * @return joules
   */
  public double joules(double wallSeconds, double cpuSeconds) {
    if (!(wallSeconds >= 0)) {
      throw new IllegalArgumentException("wallSeconds must be >= 0: " + wallSeconds);
    }
    double busy = Math.min(Math.max(cpuSeconds, 0), cores * wallSeconds);
    return idleWatts * wallSeconds + wattsPerBusyCore * busy;
  }

  /** Power in watts at a number of busy cores (clamped to {@code [0, cores]}). */
  public double watts(double busyCores) {
    return idleWatts + wattsPerBusyCore * Math.min(Math.max(busyCores, 0), cores);
  }
}
