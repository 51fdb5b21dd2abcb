package io.dynasplit.energy.ina;

import java.util.Locale;
import java.util.Objects;

/**
 * Where an INA monitor sits and how it is wired.
 *
 * @param chip which chip
 * @param bus the I2C bus number ({@code /dev/i2c-N}), {@code >= 0}
 * @param address the 7-bit I2C address, 0x40 to 0x4F
 * @param shuntOhms the external shunt resistance, {@code > 0}; ignored for the INA260 (integrated
 *     shunt)
 * @param maxAmps the largest current expected, {@code > 0}; sets the current LSB and the
 *     calibration; ignored for the INA260 (fixed LSBs)
 */
public record InaConfig(InaChip chip, int bus, int address, double shuntOhms, double maxAmps) {

  /** Checks the values. */
  public InaConfig {
    Objects.requireNonNull(chip, "chip");
    if (bus < 0) {
      throw new IllegalArgumentException("bus must be >= 0: " + bus);
    }
    if (address < 0x40 || address > 0x4F) {
      throw new IllegalArgumentException(
          "address must be in [0x40, 0x4f]: 0x" + Integer.toHexString(address));
    }
    if (!(shuntOhms > 0) || Double.isInfinite(shuntOhms)) {
      throw new IllegalArgumentException("shuntOhms must be finite and > 0: " + shuntOhms);
    }
    if (!(maxAmps > 0) || Double.isInfinite(maxAmps)) {
      throw new IllegalArgumentException("maxAmps must be finite and > 0: " + maxAmps);
    }
  }

  /** An INA260 at a bus and address (its shunt and LSBs are fixed: 2 mOhm, 15 A usable). */
  public static InaConfig ina260(int bus, int address) {
    return new InaConfig(InaChip.INA260, bus, address, Ina260.SHUNT_OHMS, 15.0);
  }

  /**
   * Parses {@code chip:bus:address[:shuntOhms:maxAmps]}, e.g. {@code ina219:1:0x40:0.1:3.2} or
   * {@code ina260:1:0x40}.
   *
   * @throws IllegalArgumentException naming the part that is wrong
   */
  public static InaConfig parse(String spec) {
    String[] parts = spec.trim().split(":");
    if (parts.length < 3) {
      throw new IllegalArgumentException(
          "ina sensor '" + spec + "' must be chip:bus:address[:shuntOhms:maxAmps]");
    }
    InaChip chip = InaChip.parse(parts[0]);
    int bus = parseInt(parts[1], "bus", spec);
    int address = parseInt(parts[2], "address", spec);
    if (chip == InaChip.INA260) {
      if (parts.length != 3) {
        throw new IllegalArgumentException(
            "ina260 '" + spec + "' takes no shunt or max current (they are fixed)");
      }
      return ina260(bus, address);
    }
    if (parts.length != 5) {
      throw new IllegalArgumentException(
          chip.name().toLowerCase(Locale.ROOT)
              + " '"
              + spec
              + "' needs shuntOhms and maxAmps: chip:bus:address:shuntOhms:maxAmps");
    }
    return new InaConfig(
        chip,
        bus,
        address,
        parseDouble(parts[3], "shuntOhms", spec),
        parseDouble(parts[4], "maxAmps", spec));
  }

  private static int parseInt(String s, String what, String spec) {
    try {
      return s.startsWith("0x") || s.startsWith("0X")
          ? Integer.parseInt(s.substring(2), 16)
          : Integer.parseInt(s);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          what + " of ina sensor '" + spec + "' is not an integer: " + s, e);
    }
  }

  private static double parseDouble(String s, String what, String spec) {
    try {
      return Double.parseDouble(s);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          what + " of ina sensor '" + spec + "' is not a number: " + s, e);
    }
  }

  /** A short description such as {@code ina219 on i2c bus 1 at 0x40 (shunt 0.1 ohm, max 3.2 A)}. */
  public String describe() {
    String where =
        String.format(
            Locale.ROOT,
            "%s on i2c bus %d at 0x%02x",
            chip.name().toLowerCase(Locale.ROOT),
            bus,
            address);
    return chip.needsShunt()
        ? where + String.format(Locale.ROOT, " (shunt %s ohm, max %s A)", shuntOhms, maxAmps)
        : where + " (integrated shunt)";
  }
}
