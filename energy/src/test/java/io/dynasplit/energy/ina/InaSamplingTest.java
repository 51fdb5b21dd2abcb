package io.dynasplit.energy.ina;

import static io.dynasplit.energy.ina.MockBus.answer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pi4j.plugin.mock.provider.i2c.MockI2C;
import io.dynasplit.energy.PowerRing;
import io.dynasplit.energy.PowerSampler;
import io.dynasplit.schemas.EnergySource;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InaSamplingTest {

  private static final int READINGS = 300;

  private final MockBus bus = new MockBus();

  @AfterEach
  void shutdown() {
    bus.close();
  }

  /**
   * Verifies that an INA226 sampled into the ring integrates its reported 5 W over the time
   * sampled.
   */
  @Test
  void sampledIna226IntegratesItsPower() throws Exception {
    MockI2C chip = bus.device(0x40);
    answer(chip, InaSensor.REG_MANUFACTURER_ID, 0x5449);
    answer(chip, InaSensor.REG_DIE_ID, 0x2260);
    Ina226 ina = new Ina226(chip, 0.01, 8.192); // Current_LSB 250 uA, power LSB 6.25 mW
    for (int i = 0;
        i < READINGS;
        i++) { // queued before the sampler thread starts, so it sees them all
      answer(chip, Ina226.REG_BUS_VOLTAGE, 4000); // 5 V
      answer(chip, Ina226.REG_CURRENT, 4000); // 1 A
      answer(chip, Ina226.REG_POWER, 800); // 800 * 6.25 mW = 5 W
      answer(chip, Ina226.REG_MASK_ENABLE, 0x0008);
    }
    try (PowerSampler sampler = PowerSampler.start(ina, Duration.ofMillis(1), 1024)) {
      assertTrue(sampler.awaitFirstSample(Duration.ofSeconds(5)));
      awaitErrors(sampler); // the queue runs dry: every reading was taken
      PowerRing ring = sampler.ring();
      assertEquals(READINGS, ring.size());
      assertEquals(EnergySource.INA226, sampler.sensor().source());
      long from = ring.oldestNanos();
      long to = ring.newestNanos();
      assertEquals(5.0 * (to - from) / 1e9, ring.joules(from, to), 1e-9);
    }
  }

  private static void awaitErrors(PowerSampler sampler) throws InterruptedException, IOException {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (sampler.stats().errors() == 0) {
      if (System.nanoTime() > deadline) {
        throw new IOException("sampler never ran out of queued readings: " + sampler.stats());
      }
      Thread.sleep(10);
    }
  }
}
