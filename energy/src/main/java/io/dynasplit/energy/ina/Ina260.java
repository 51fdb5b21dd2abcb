package io.dynasplit.energy.ina;

import com.pi4j.io.i2c.I2C;
import java.io.IOException;

/**
 * Driver for the TI INA260 (datasheet SBOS656), which integrates its 2 mOhm shunt and needs no
 * calibration.
 *
 * <p>Set-up checks the manufacturer ID (0x5449) and die ID (0x227x) and writes the configuration
 * register (no averaging, 332 us conversions, current and bus continuous). Conversions have fixed
 * LSBs: current 1.25 mA (signed), bus voltage 1.25 mV, power 10 mW; the math overflow flag is bit 2
 * of the Mask/Enable register.
 */
public final class Ina260 extends InaSensor {

  /** The integrated shunt. */
  public static final double SHUNT_OHMS = 0.002;

  static final int REG_CONFIG = 0x00;
  static final int REG_CURRENT = 0x01;
  static final int REG_BUS_VOLTAGE = 0x02;
  static final int REG_POWER = 0x03;
  static final int REG_MASK_ENABLE = 0x06;
  static final int DIE_ID = 0x2270;

  static final double CURRENT_LSB_AMPS = 1.25e-3;
  static final double BUS_LSB_VOLTS = 1.25e-3;
  static final double POWER_LSB_WATTS = 10e-3;
  static final int MASK_OVF = 1 << 2;

  /**
   * Bits 14..12 read as 110; AVG = 1 sample, VBUSCT = ISHCT = 332 us, MODE = current and bus
   * continuous.
   */
  static final int CONFIGURATION = 0x6000 | 0b000 << 9 | 0b010 << 6 | 0b010 << 3 | 0b111;

  /**
   * Checks the chip's identity and configures it.
   *
   * @throws IOException if the bus fails or the device is not an INA260
   */
  public Ina260(I2C i2c) throws IOException {
    super(i2c);
    checkIdentity(DIE_ID);
    write(REG_CONFIG, CONFIGURATION);
  }

  @Override
  public InaChip chip() {
    return InaChip.INA260;
  }

  @Override
  public InaReading read() throws IOException {
    int current = readSigned(REG_CURRENT);
    int bus = readUnsigned(REG_BUS_VOLTAGE);
    int power = readUnsigned(REG_POWER);
    int mask = readUnsigned(REG_MASK_ENABLE);
    return new InaReading(
        bus * BUS_LSB_VOLTS,
        current * CURRENT_LSB_AMPS,
        power * POWER_LSB_WATTS,
        (mask & MASK_OVF) != 0);
  }
}
