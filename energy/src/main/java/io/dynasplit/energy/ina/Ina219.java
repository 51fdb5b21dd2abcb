package io.dynasplit.energy.ina;

import com.pi4j.io.i2c.I2C;
import java.io.IOException;

/**
 * Driver for the TI INA219 (datasheet SBOS448).
 *
 * <p>Set-up writes the configuration register (32 V bus range, the smallest PGA range that holds
 * {@code shunt * maxAmps}, 12-bit conversions, shunt and bus continuous) and the calibration
 * register {@code Cal = trunc(0.04096 / (Current_LSB * R_shunt))} with {@code Current_LSB = maxAmps
 * / 2^15} (raised where that would overflow the register). Conversions: shunt voltage 10 uV per LSB
 * (signed), bus voltage bits 15..3 at 4 mV per LSB with the math overflow flag in bit 0, current
 * {@code Current_LSB} per LSB (signed), power {@code 20 * Current_LSB} per LSB.
 */
public final class Ina219 extends InaSensor {

  static final int REG_CONFIG = 0x00;
  static final int REG_SHUNT_VOLTAGE = 0x01;
  static final int REG_BUS_VOLTAGE = 0x02;
  static final int REG_POWER = 0x03;
  static final int REG_CURRENT = 0x04;
  static final int REG_CALIBRATION = 0x05;

  static final double SHUNT_LSB_VOLTS = 10e-6;
  static final double BUS_LSB_VOLTS = 4e-3;
  private static final double CAL_SCALE = 0.04096;
  private static final int BRNG_32V = 1 << 13;
  private static final int ADC_12BIT = 0b0011;
  private static final int MODE_SHUNT_AND_BUS_CONTINUOUS = 0b111;
  private static final double[] PGA_RANGES_VOLTS = {0.040, 0.080, 0.160, 0.320};

  private final double currentLsb;
  private final int calibration;
  private final int configuration;

  /**
   * Configures and calibrates the chip.
   *
   * @param shuntOhms the shunt resistance
   * @param maxAmps the largest current expected; {@code shuntOhms * maxAmps} must be at most 320 mV
   * @throws IOException if the bus fails
   */
  public Ina219(I2C i2c, double shuntOhms, double maxAmps) throws IOException {
    super(i2c);
    if (!(shuntOhms > 0) || !(maxAmps > 0)) {
      throw new IllegalArgumentException(
          "shuntOhms and maxAmps must be > 0: " + shuntOhms + ", " + maxAmps);
    }
    double fullScale = shuntOhms * maxAmps;
    int pga = -1;
    for (int i = 0; i < PGA_RANGES_VOLTS.length && pga < 0; i++) {
      if (fullScale <= PGA_RANGES_VOLTS[i] * (1 + 1e-9)) { // tolerate rounding of shunt * maxAmps
        pga = i;
      }
    }
    if (pga < 0) {
      throw new IllegalArgumentException(
          "ina219 shunt voltage at maxAmps is "
              + fullScale * 1e3
              + " mV, above the 320 mV the chip measures: use a smaller shunt or maxAmps");
    }
    double lsb = maxAmps / 32768.0;
    // bit 0 of the calibration register is void, so the largest usable value is 0xfffe
    lsb = Math.max(lsb, CAL_SCALE / (0xFFFE * shuntOhms));
    this.currentLsb = lsb;
    this.calibration = calibrationFor(lsb, shuntOhms);
    this.configuration =
        BRNG_32V | pga << 11 | ADC_12BIT << 7 | ADC_12BIT << 3 | MODE_SHUNT_AND_BUS_CONTINUOUS;
    write(REG_CONFIG, configuration);
    write(REG_CALIBRATION, calibration);
  }

  /**
   * {@code trunc(0.04096 / (currentLsb * shuntOhms))} with the void bit 0 cleared (datasheet
   * equation 1).
   */
  static int calibrationFor(double currentLsb, double shuntOhms) {
    return ((int) Math.floor(CAL_SCALE / (currentLsb * shuntOhms))) & 0xFFFE;
  }

  @Override
  public InaChip chip() {
    return InaChip.INA219;
  }

  /** The current per LSB of the current register, in amps. */
  public double currentLsb() {
    return currentLsb;
  }

  /** The value written to the calibration register. */
  public int calibration() {
    return calibration;
  }

  /** The value written to the configuration register. */
  public int configuration() {
    return configuration;
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
    boolean overflow = (bus & 0x1) != 0;
    return new InaReading(
        (bus >>> 3) * BUS_LSB_VOLTS, current * currentLsb, power * 20 * currentLsb, overflow);
  }
}
