package io.dynasplit.energy.ina;

import static io.dynasplit.energy.ina.MockBus.answer;
import static io.dynasplit.energy.ina.MockBus.written;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pi4j.plugin.mock.provider.i2c.MockI2C;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class Ina226Test {

  private final MockBus bus = new MockBus();

  @AfterEach
  void shutdown() {
    bus.close();
  }

  private static MockI2C identified(MockI2C chip) {
    answer(chip, InaSensor.REG_MANUFACTURER_ID, 0x5449);
    answer(chip, InaSensor.REG_DIE_ID, 0x2260);
    return chip;
  }

  /**
   * Verifies that a 10 mOhm shunt at 8 A writes CAL = 0.00512 / (8/2^15 * 0.01) = 2097 and the
   * configuration.
   */
  @Test
  void calibratesForShuntAndMaxCurrent() throws IOException {
    MockI2C chip = identified(bus.device(0x40));
    Ina226 ina = new Ina226(chip, 0.01, 8.0);
    assertEquals(0x4097, written(chip, Ina226.REG_CONFIG)); // avg 1, 332 us, 332 us, continuous
    assertEquals(2097, written(chip, Ina226.REG_CALIBRATION)); // trunc(2097.152)
    assertEquals(8.0 / 32768, ina.currentLsb(), 1e-15);
  }

  /** Verifies that register values convert by the datasheet's LSBs, with a negative current. */
  @Test
  void convertsRegistersIncludingNegativeCurrent() throws IOException {
    MockI2C chip = identified(bus.device(0x40));
    Ina226 ina = new Ina226(chip, 0.01, 8.0);
    answer(chip, Ina226.REG_BUS_VOLTAGE, 4000); // 4000 * 1.25 mV = 5 V
    answer(chip, Ina226.REG_CURRENT, 0xE000); // -8192 * 244.140625 uA = -2 A
    answer(chip, Ina226.REG_POWER, 1640); // 1640 * 25 * 244.140625 uA
    answer(chip, Ina226.REG_MASK_ENABLE, 0x0008); // conversion ready only
    answer(chip, Ina226.REG_SHUNT_VOLTAGE, 0xE000); // -8192 * 2.5 uV = -20.48 mV

    InaReading r = ina.read();
    assertEquals(5.0, r.busVolts(), 1e-12);
    assertEquals(-2.0, r.currentAmps(), 1e-12);
    assertEquals(1640 * 25 * (8.0 / 32768), r.powerWatts(), 1e-12);
    assertFalse(r.overflow());
    assertEquals(-0.02048, ina.readShuntVolts(), 1e-12);
  }

  /** Verifies that the OVF bit of the Mask/Enable register is reported and makes readWatts fail. */
  @Test
  void overflowFlagIsReported() throws IOException {
    MockI2C chip = identified(bus.device(0x40));
    Ina226 ina = new Ina226(chip, 0.01, 8.0);
    for (int i = 0; i < 2; i++) {
      answer(chip, Ina226.REG_BUS_VOLTAGE, 4000);
      answer(chip, Ina226.REG_CURRENT, 0x7FFF);
      answer(chip, Ina226.REG_POWER, 0xFFFF);
      answer(chip, Ina226.REG_MASK_ENABLE, 0x000C); // CVRF and OVF
    }
    assertTrue(ina.read().overflow());
    assertThrows(IOException.class, ina::readWatts);
  }

  /**
   * Verifies that a device answering another manufacturer ID is refused with a message saying so.
   */
  @Test
  void refusesOtherChips() {
    MockI2C chip = bus.device(0x44);
    answer(chip, InaSensor.REG_MANUFACTURER_ID, 0x1234);
    IOException e = assertThrows(IOException.class, () -> new Ina226(chip, 0.01, 8.0));
    assertTrue(e.getMessage().contains("manufacturer id 0x1234"), e.getMessage());
  }

  /** Verifies that an INA260 die ID is not taken for an INA226. */
  @Test
  void refusesWrongDie() {
    MockI2C chip = bus.device(0x44);
    answer(chip, InaSensor.REG_MANUFACTURER_ID, 0x5449);
    answer(chip, InaSensor.REG_DIE_ID, 0x2270);
    IOException e = assertThrows(IOException.class, () -> new Ina226(chip, 0.01, 8.0));
    assertTrue(e.getMessage().contains("not an ina226"), e.getMessage());
  }
}
