package io.dynasplit.schemas;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where an energy figure came from (ARCHITECTURE 4.5, {@code energyJ.source}). */
public enum EnergySource {
  /** A TI INA219 current/power monitor over I2C. */
  INA219("ina219"),
  /** A TI INA226 current/power monitor over I2C. */
  INA226("ina226"),
  /** A TI INA260 current/power monitor over I2C. */
  INA260("ina260"),
  /** Intel RAPL energy counters ({@code /sys/class/powercap}). */
  RAPL("rapl"),
  /** NVIDIA NVML or {@code nvidia-smi}. */
  NVML("nvml"),
  /** An estimate from a calibrated power model, not a measurement. */
  MODEL("model"),
  /** Replayed from recorded measurements (a simulation pool). */
  POOL("pool");

  private final String wireName;

  EnergySource(String wireName) {
    this.wireName = wireName;
  }

  /** The name used in JSON. */
  @JsonValue
  public String wireName() {
    return wireName;
  }

  /** Whether figures from this source are measured on real hardware (not estimated or replayed). */
  public boolean measured() {
    return this != MODEL && this != POOL;
  }

  /** Parses a wire name, case-insensitively. */
  @JsonCreator
  public static EnergySource of(String name) {
    if (name != null) {
      String n = name.toLowerCase(Locale.ROOT);
      for (EnergySource s : values()) {
        if (s.wireName.equals(n)) {
          return s;
        }
      }
    }
    throw new IllegalArgumentException(
        "energy source must be one of ina219, ina226, ina260, rapl, nvml, model, pool: " + name);
  }

  @Override
  public String toString() {
    return wireName;
  }
}
