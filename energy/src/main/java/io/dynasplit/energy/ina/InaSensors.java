package io.dynasplit.energy.ina;

import com.pi4j.context.Context;
import com.pi4j.io.i2c.I2C;
import java.io.IOException;
import java.util.Locale;
import java.util.Objects;

/** Opens the INA driver a {@link InaConfig} names on a Pi4J context's I2C provider. */
public final class InaSensors {

  private InaSensors() {}

  /**
   * Opens the I2C device and sets the chip up.
   *
   * @param pi4j a context with an I2C provider (linuxfs on a board, mock in tests)
   * @throws IOException if the bus fails or the device is not the chip named
   * @implNote blocks on the bus
   */
  public static InaSensor open(Context pi4j, InaConfig config) throws IOException {
    Objects.requireNonNull(pi4j, "pi4j");
    Objects.requireNonNull(config, "config");
    I2C i2c;
    try {
      i2c =
          pi4j.create(
              I2C.newConfigBuilder(pi4j)
                  .id(
                      String.format(
                          Locale.ROOT,
                          "%s-%d-%02x",
                          config.chip().name().toLowerCase(Locale.ROOT),
                          config.bus(),
                          config.address()))
                  .bus(config.bus())
                  .device(config.address())
                  .build());
    } catch (RuntimeException e) {
      throw new IOException("cannot open " + config.describe() + ": " + e.getMessage(), e);
    }
    try {
      return switch (config.chip()) {
        case INA219 -> new Ina219(i2c, config.shuntOhms(), config.maxAmps());
        case INA226 -> new Ina226(i2c, config.shuntOhms(), config.maxAmps());
        case INA260 -> new Ina260(i2c);
      };
    } catch (IOException | RuntimeException e) {
      i2c.close();
      throw e;
    }
  }
}
