package io.dynasplit.energy.ina;

import static io.dynasplit.energy.ina.MockBus.answer;
import static io.dynasplit.energy.ina.MockBus.written;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pi4j.plugin.mock.provider.i2c.MockI2C;
import io.dynasplit.energy.PowerSensor;
import io.dynasplit.schemas.EnergySource;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class Ina260Test {

  private final MockBus bus = new MockBus();

  @AfterEach
  void shutdown() {
    bus.close();
  }

  /** Verifies that the INA260 is configured without any calibration register write. */
  @Test
  void configuresWithoutCalibration() throws IOException {
    MockI2C chip = bus.device(0x40);
    answer(chip, InaSensor.REG_MANUFACTURER_ID, 0x5449);
    answer(chip, InaSensor.REG_DIE_ID, 0x2270);
    new Ina260(chip);
    assertEquals(0x6097, written(chip, Ina260.REG_CONFIG));
    assertEquals(-1, written(chip, 0x05));
  }

  /**
   * Verifies the fixed LSBs: 1.25 mA, 1.25 mV, 10 mW, with a negative current and the overflow
   * flag.
   */
  @Test
  void convertsWithFixedLsbs() throws IOException {
    MockI2C chip = bus.device(0x40);
    answer(chip, InaSensor.REG_MANUFACTURER_ID, 0x5449);
    answer(chip, InaSensor.REG_DIE_ID, 0x2270);
    Ina260 ina = new Ina260(chip);
    answer(chip, Ina260.REG_CURRENT, 0xFCE0); // -800 * 1.25 mA = -1 A
    answer(chip, Ina260.REG_BUS_VOLTAGE, 9600); // 12 V
    answer(chip, Ina260.REG_POWER, 1200); // 12 W
    answer(chip, Ina260.REG_MASK_ENABLE, 0x0000);
    InaReading r = ina.read();
    assertEquals(-1.0, r.currentAmps(), 1e-12);
    assertEquals(12.0, r.busVolts(), 1e-12);
    assertEquals(12.0, r.powerWatts(), 1e-12);
    assertFalse(r.overflow());

    answer(chip, Ina260.REG_CURRENT, 0x8000); // most negative: -40.96 A
    answer(chip, Ina260.REG_BUS_VOLTAGE, 9600);
    answer(chip, Ina260.REG_POWER, 0xFFFF);
    answer(chip, Ina260.REG_MASK_ENABLE, 0x0004);
    InaReading over = ina.read();
    assertEquals(-40.96, over.currentAmps(), 1e-12);
    assertTrue(over.overflow());
  }

  /**
   * Verifies that InaSensors opens the chip an InaConfig names and that it reports as source
   * ina260.
   */
  @Test
  void opensFromConfig() throws IOException {
    // the context's mock device is created by InaSensors; queue the identity through a second
    // handle is not
    // possible, so check that an unanswered identity read fails clearly instead
    IOException e =
        assertThrows(
            IOException.class, () -> InaSensors.open(bus.pi4j, InaConfig.parse("ina260:1:0x45")));
    assertTrue(e.getMessage().contains("short i2c read of register 0xfe"), e.getMessage());
    try (PowerSensor sensor = identifiedIna260()) {
      assertEquals(EnergySource.INA260, sensor.source());
      assertTrue(
          sensor.description().startsWith("ina260 on i2c bus 1 at 0x46"), sensor.description());
    }
  }

  private PowerSensor identifiedIna260() throws IOException {
    MockI2C chip = bus.device(0x46);
    answer(chip, InaSensor.REG_MANUFACTURER_ID, 0x5449);
    answer(chip, InaSensor.REG_DIE_ID, 0x2270);
    return new Ina260(chip);
  }
}
