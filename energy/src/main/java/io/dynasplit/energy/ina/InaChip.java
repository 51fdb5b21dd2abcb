package io.dynasplit.energy.ina;

import io.dynasplit.schemas.EnergySource;
import java.util.Locale;

/** The INA current/power monitors this package drives. */
public enum InaChip {
  /** INA219: 26 V, 12-bit, external shunt, PGA from 40 to 320 mV. */
  INA219(EnergySource.INA219),
  /** INA226: 36 V, 16-bit, external shunt, 81.92 mV full scale. */
  INA226(EnergySource.INA226),
  /** INA260: 36 V, 16-bit, integrated 2 mOhm shunt, fixed LSBs. */
  INA260(EnergySource.INA260);

  private final EnergySource source;

  InaChip(EnergySource source) {
    this.source = source;
  }

  /** The energy source figures from this chip carry. */
  public EnergySource source() {
    return source;
  }

  /** Whether the chip needs an external shunt and a calibration register. */
  public boolean needsShunt() {
    return this != INA260;
  }

  /**
   * The chip a name denotes ({@code ina219}, {@code INA226}, ...).
   *
   * @throws IllegalArgumentException for any other name
   */
  public static InaChip parse(String name) {
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown ina chip '" + name + "'; expected ina219, ina226 or ina260", e);
    }
  }
}
