package io.dynasplit.energy.ina;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class InaConfigTest {

  /** Verifies that chip:bus:address:shunt:max specs parse, hex addresses included. */
  @Test
  void parsesSpecs() {
    InaConfig c = InaConfig.parse("ina219:1:0x40:0.1:3.2");
    assertEquals(new InaConfig(InaChip.INA219, 1, 0x40, 0.1, 3.2), c);
    assertEquals(InaChip.INA260, InaConfig.parse("INA260:0:65").chip());
    assertEquals(65, InaConfig.parse("ina260:0:65").address());
  }

  /** Verifies that bad specs fail with a message naming what is wrong. */
  @Test
  void badSpecsNameTheProblem() {
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> InaConfig.parse("ina999:1:0x40"))
            .getMessage()
            .contains("unknown ina chip"));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> InaConfig.parse("ina226:1:0x40"))
            .getMessage()
            .contains("needs shuntOhms and maxAmps"));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> InaConfig.parse("ina226:1:0x90:0.1:1"))
            .getMessage()
            .contains("address must be in"));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> InaConfig.parse("ina226:x:0x40:0.1:1"))
            .getMessage()
            .contains("bus of ina sensor"));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> InaConfig.parse("ina226:1:0x40:-1:1"))
            .getMessage()
            .contains("shuntOhms must be"));
  }
}
