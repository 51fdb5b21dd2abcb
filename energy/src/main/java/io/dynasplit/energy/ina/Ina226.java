package io.dynasplit.energy.ina;

import com.pi4j.io.i2c.I2C;
import java.io.IOException;

/**
 * Driver for the TI INA226 (datasheet SBOS547).
 *
 * <p>Set-up checks the manufacturer ID (0x5449) and die ID (0x226x), writes the configuration
 * register (no averaging, 332 us bus and shunt conversions, so a fresh result every 0.664 ms, shunt
 * and bus continuous) and the calibration register {@code CAL = 0.00512 / (Current_LSB * R_shunt)}
 * (truncated) with {@code Current_LSB = maxAmps / 2^15} (raised where that would overflow the
 * 15-bit register). Conversions: shunt voltage 2.5 uV per LSB (signed), bus voltage 1.25 mV per
 * LSB, current {@code Current_LSB} per LSB (signed), power {@code 25 * Current_LSB} per LSB; the
 * math overflow flag is bit 2 of the Mask/Enable register.
 */
public final class Ina226 extends InaSensor {

  static final int REG_CONFIG = 0x00;
  static final int REG_SHUNT_VOLTAGE = 0x01;
  static final int REG_BUS_VOLTAGE = 0x02;
  static final int REG_POWER = 0x03;
  static final int REG_CURRENT = 0x04;
  static final int REG_CALIBRATION = 0x05;
  static final int REG_MASK_ENABLE = 0x06;
  static final int DIE_ID = 0x2260;

  static final double SHUNT_LSB_VOLTS = 2.5e-6;
  static final double BUS_LSB_VOLTS = 1.25e-3;
  static final int MASK_OVF = 1 << 2;
  private static final double CAL_SCALE = 0.00512;
  private static final double SHUNT_FULL_SCALE_VOLTS = 0.08192;

  /**
   * Bit 14 reads as 1; AVG = 1 sample, VBUSCT = VSHCT = 332 us, MODE = shunt and bus continuous.
   */
  static final int CONFIGURATION = 0x4000 | 0b000 << 9 | 0b010 << 6 | 0b010 << 3 | 0b111;

  private final double currentLsb;
  private final int calibration;

  /**
   * Checks the chip's identity, configures and calibrates it.
   *
   * @param shuntOhms the shunt resistance
   * @param maxAmps the largest current expected; {@code shuntOhms * maxAmps} must be at most 81.92
   *     mV
   * @throws IOException if the bus fails or the device is not an INA226
   */
  public Ina226(I2C i2c, double shuntOhms, double maxAmps) throws IOException {
    super(i2c);
    if (!(shuntOhms > 0) || !(maxAmps > 0)) {
      throw new IllegalArgumentException(
          "shuntOhms and maxAmps must be > 0: " + shuntOhms + ", " + maxAmps);
    }
    if (shuntOhms * maxAmps > SHUNT_FULL_SCALE_VOLTS * (1 + 1e-9)) {
      throw new IllegalArgumentException(
          "ina226 shunt voltage at maxAmps is "
              + shuntOhms * maxAmps * 1e3
              + " mV, above the 81.92 mV the chip measures: use a smaller shunt or maxAmps");
    }
    double lsb = Math.max(maxAmps / 32768.0, CAL_SCALE / (0x7FFF * shuntOhms));
    this.currentLsb = lsb;
    this.calibration = calibrationFor(lsb, shuntOhms);
    checkIdentity(DIE_ID);
    write(REG_CONFIG, CONFIGURATION);
    write(REG_CALIBRATION, calibration);
  }

  /**
   * {@code 0.00512 / (currentLsb * shuntOhms)}, truncated to the register's 15 bits (datasheet
   * equation 1).
   */
  static int calibrationFor(double currentLsb, double shuntOhms) {
    return Math.min((int) Math.floor(CAL_SCALE / (currentLsb * shuntOhms)), 0x7FFF);
  }

  @Override
  public InaChip chip() {
    return InaChip.INA226;
  }

  /** The current per LSB of the current register, in amps. */
  public double currentLsb() {
    return currentLsb;
  }

  /** The value written to the calibration register. */
  public int calibration() {
    return calibration;
  }

  /** Reads the shunt voltage in volts (signed). */
  public double readShuntVolts() throws IOException {
    return readSigned(REG_SHUNT_VOLTAGE) * SHUNT_LSB_VOLTS;
  }

  @Override
  public InaReading read() throws IOException {
    int bus = readUnsigned(REG_BUS_VOLTAGE);
    int current = readSigned(REG_CURRENT);
    int power = readUnsigned(REG_POWER);
    int mask = readUnsigned(REG_MASK_ENABLE);
    return new InaReading(
        (bus & 0x7FFF) * BUS_LSB_VOLTS,
        current * currentLsb,
        power * 25 * currentLsb,
        (mask & MASK_OVF) != 0);
  }
}
