package io.dynasplit.energy.ina;

import com.pi4j.io.i2c.I2C;
import io.dynasplit.energy.PowerSensor;
import io.dynasplit.schemas.EnergySource;
import java.io.IOException;
import java.util.Objects;

/**
 * What the INA drivers share: 16-bit big-endian register access over a Pi4J {@link I2C} device and
 * the {@link PowerSensor} contract.
 *
 * @implNote not thread-safe; one sampler thread reads a sensor. Every method blocks on the bus.
 */
public abstract sealed class InaSensor implements PowerSensor permits Ina219, Ina226, Ina260 {

  /** The manufacturer ID register of the INA226 and INA260. */
  static final int REG_MANUFACTURER_ID = 0xFE;

  /** The die ID register of the INA226 and INA260. */
  static final int REG_DIE_ID = 0xFF;

  /** Texas Instruments' manufacturer ID, "TI" in ASCII. */
  static final int TI_MANUFACTURER_ID = 0x5449;

  private final I2C i2c;
  private final byte[] buffer = new byte[2];
  private boolean closed;

  InaSensor(I2C i2c) {
    this.i2c = Objects.requireNonNull(i2c, "i2c");
  }

  /** The chip driven. */
  public abstract InaChip chip();

  /** Reads bus voltage, current, power and the overflow flag. */
  public abstract InaReading read() throws IOException;

  @Override
  public EnergySource source() {
    return chip().source();
  }

  @Override
  public String description() {
    return String.format(
        java.util.Locale.ROOT,
        "%s on i2c bus %d at 0x%02x",
        chip().name().toLowerCase(java.util.Locale.ROOT),
        i2c.bus(),
        i2c.device());
  }

  /**
   * The power the chip reports, in watts.
   *
   * @throws IOException if the chip flags a math overflow (the current exceeds the calibrated
   *     range) or the bus fails
   */
  @Override
  public double readWatts() throws IOException {
    InaReading r = read();
    if (r.overflow()) {
      throw new IOException(
          description()
              + " flags a math overflow: the current exceeds the calibrated maximum;"
              + " configure a larger maximum current");
    }
    return r.powerWatts();
  }

  /** Reads a register as an unsigned 16-bit value. */
  final int readUnsigned(int register) throws IOException {
    int n;
    try {
      n = i2c.readRegister(register, buffer, 0, 2);
    } catch (RuntimeException e) {
      throw new IOException(
          "i2c read of register 0x"
              + Integer.toHexString(register)
              + " failed on "
              + description()
              + ": "
              + e.getMessage(),
          e);
    }
    if (n != 2) {
      throw new IOException(
          "short i2c read of register 0x"
              + Integer.toHexString(register)
              + " on "
              + description()
              + ": "
              + n
              + " of 2 bytes");
    }
    return ((buffer[0] & 0xFF) << 8) | (buffer[1] & 0xFF);
  }

  /** Reads a register as a signed (two's complement) 16-bit value. */
  final int readSigned(int register) throws IOException {
    return (short) readUnsigned(register);
  }

  /** Writes a 16-bit register, most significant byte first. */
  final void write(int register, int value) throws IOException {
    if (value < 0 || value > 0xFFFF) {
      throw new IllegalArgumentException("register value must fit 16 bits: " + value);
    }
    byte[] bytes = {(byte) (value >>> 8), (byte) value};
    int n;
    try {
      n = i2c.writeRegister(register, bytes, 0, 2);
    } catch (RuntimeException e) {
      throw new IOException(
          "i2c write of register 0x"
              + Integer.toHexString(register)
              + " failed on "
              + description()
              + ": "
              + e.getMessage(),
          e);
    }
    if (n != 2) {
      throw new IOException(
          "short i2c write of register 0x"
              + Integer.toHexString(register)
              + " on "
              + description()
              + ": "
              + n
              + " of 2 bytes");
    }
  }

  /** Checks the manufacturer and die ID registers of an INA226 or INA260. */
  final void checkIdentity(int expectedDieId) throws IOException {
    int manufacturer = readUnsigned(REG_MANUFACTURER_ID);
    if (manufacturer != TI_MANUFACTURER_ID) {
      throw new IOException(
          String.format(
              java.util.Locale.ROOT,
              "no %s at i2c bus %d address 0x%02x: manufacturer id 0x%04x, expected 0x%04x",
              chip().name().toLowerCase(java.util.Locale.ROOT),
              i2c.bus(),
              i2c.device(),
              manufacturer,
              TI_MANUFACTURER_ID));
    }
    int die = readUnsigned(REG_DIE_ID);
    if ((die & 0xFFF0) != expectedDieId) {
      throw new IOException(
          String.format(
              java.util.Locale.ROOT,
              "device at i2c bus %d address 0x%02x is not an %s: die id 0x%04x, expected 0x%04x",
              i2c.bus(),
              i2c.device(),
              chip().name().toLowerCase(java.util.Locale.ROOT),
              die,
              expectedDieId));
    }
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      i2c.close();
    }
  }
}
