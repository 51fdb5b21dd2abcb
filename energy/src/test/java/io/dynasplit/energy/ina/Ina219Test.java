package io.dynasplit.energy.ina;

import static io.dynasplit.energy.ina.MockBus.answer;
import static io.dynasplit.energy.ina.MockBus.written;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pi4j.plugin.mock.provider.i2c.MockI2C;
import io.dynasplit.schemas.EnergySource;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class Ina219Test {

  private final MockBus bus = new MockBus();

  @AfterEach
  void shutdown() {
    bus.close();
  }

  /**
   * Verifies that a 0.1 ohm shunt at 3.2 A writes Cal = trunc(0.04096 / (3.2/2^15 * 0.1)) = 4194
   * and PGA /8.
   */
  @Test
  void calibratesForShuntAndMaxCurrent() throws IOException {
    MockI2C chip = bus.device(0x40);
    Ina219 ina = new Ina219(chip, 0.1, 3.2);
    assertEquals(
        0x399F, written(chip, Ina219.REG_CONFIG)); // 32 V, PGA /8 (320 mV), 12-bit, continuous
    assertEquals(4194, written(chip, Ina219.REG_CALIBRATION));
    assertEquals(3.2 / 32768, ina.currentLsb(), 1e-15);
  }

  /**
   * Verifies that a small full-scale picks PGA /1 and an even calibration value (bit 0 is void).
   */
  @Test
  void smallFullScalePicksLowestGain() throws IOException {
    MockI2C chip = bus.device(0x41);
    new Ina219(chip, 0.1, 0.4); // 40 mV full scale
    assertEquals(0x219F, written(chip, Ina219.REG_CONFIG));
    assertEquals(33554, written(chip, Ina219.REG_CALIBRATION)); // trunc(33554.432)
  }

  /**
   * Verifies that register values convert to volts, amps (negative here) and watts by the
   * datasheet's LSBs.
   */
  @Test
  void convertsRegistersIncludingNegativeCurrent() throws IOException {
    MockI2C chip = bus.device(0x40);
    Ina219 ina = new Ina219(chip, 0.1, 3.2);
    answer(
        chip,
        Ina219.REG_BUS_VOLTAGE,
        (3000 << 3) | 0b10); // 12.000 V, conversion ready, no overflow
    answer(chip, Ina219.REG_CURRENT, 0xC400); // -15360 * 97.65625 uA = -1.5 A
    answer(chip, Ina219.REG_POWER, 9216); // 9216 * 20 * 97.65625 uA = 18 W
    answer(chip, Ina219.REG_SHUNT_VOLTAGE, 0xC400); // -15360 * 10 uV = -153.6 mV

    InaReading r = ina.read();
    assertEquals(12.0, r.busVolts(), 1e-12);
    assertEquals(-1.5, r.currentAmps(), 1e-12);
    assertEquals(18.0, r.powerWatts(), 1e-12);
    assertFalse(r.overflow());
    assertEquals(-0.1536, ina.readShuntVolts(), 1e-12);
    assertEquals(EnergySource.INA219, ina.source());
  }

  /** Verifies that the OVF bit of the bus voltage register is reported and makes readWatts fail. */
  @Test
  void overflowFlagIsReported() throws IOException {
    MockI2C chip = bus.device(0x40);
    Ina219 ina = new Ina219(chip, 0.1, 3.2);
    answer(chip, Ina219.REG_BUS_VOLTAGE, (3000 << 3) | 0b11);
    answer(chip, Ina219.REG_CURRENT, 0x7FFF);
    answer(chip, Ina219.REG_POWER, 0xFFFF);
    assertTrue(ina.read().overflow());

    answer(chip, Ina219.REG_BUS_VOLTAGE, (3000 << 3) | 0b11);
    answer(chip, Ina219.REG_CURRENT, 0x7FFF);
    answer(chip, Ina219.REG_POWER, 0xFFFF);
    IOException e = assertThrows(IOException.class, ina::readWatts);
    assertTrue(e.getMessage().contains("overflow"), e.getMessage());
  }

  /**
   * Verifies that a register the chip does not answer gives a short-read error naming the register.
   */
  @Test
  void missingAnswerIsShortRead() throws IOException {
    MockI2C chip = bus.device(0x40);
    Ina219 ina = new Ina219(chip, 0.1, 3.2);
    IOException e = assertThrows(IOException.class, ina::read);
    assertTrue(e.getMessage().contains("short i2c read of register 0x2"), e.getMessage());
  }

  /** Verifies that a shunt voltage beyond the 320 mV range is refused at set-up. */
  @Test
  void refusesFullScaleBeyondRange() {
    MockI2C chip = bus.device(0x40);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new Ina219(chip, 0.1, 4.0));
    assertTrue(e.getMessage().contains("320 mV"), e.getMessage());
  }
}
