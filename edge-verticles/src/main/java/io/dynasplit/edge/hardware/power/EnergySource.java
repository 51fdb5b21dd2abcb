package io.dynasplit.edge.hardware.power;

import java.util.Locale;

/**
 * Where an energy figure came from, as the wire contract spells it in {@code energyJ.source} (ARCHITECTURE 4.5).
 */
public enum EnergySource {
  /** A TI INA219 current/power monitor over I2C. */
  INA219,
  /** A TI INA226 current/power monitor over I2C. */
  INA226,
  /** A TI INA260 current/power monitor (integrated shunt) over I2C. */
  INA260,
  /** Intel RAPL energy counters from the powercap sysfs. */
  RAPL,
  /** NVIDIA GPU power from NVML (here through {@code nvidia-smi}, which reads NVML). */
  NVML,
  /** An estimate from a calibrated power model and the process's CPU time. */
  MODEL,
  /** Replayed from recorded measurements (the simulation pool). */
  POOL;

  /** The lower-case name used on the wire, e.g. {@code ina219}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The source a wire name denotes.
   *
   * @throws IllegalArgumentException if the name is none of the wire names
   */
  public static EnergySource fromWireName(String name) {
    for (EnergySource s : values()) {
      if (s.wireName().equals(name)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown energy source: " + name);
  }

  /** Whether the figure was measured by a sensor or counter rather than estimated or replayed. */
  public boolean measured() {
    return this != MODEL && this != POOL;
  }
}
