package io.dynasplit.energy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dynasplit.schemas.EnergySource;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class NvidiaSmiPowerSensorTest {

  /** Verifies that the power of every GPU line is summed. */
  @Test
  void sumsGpus() throws IOException {
    NvidiaSmiPowerSensor sensor = new NvidiaSmiPowerSensor(List.of("printf", "71.25\\n 12.50\\n"));
    assertEquals(83.75, sensor.readWatts(), 1e-12);
    assertEquals(EnergySource.NVML, sensor.source());
  }

  /** Verifies that [N/A] and a failing command are errors with the reason. */
  @Test
  void refusesNonNumbersAndFailures() {
    IOException na =
        assertThrows(
            IOException.class,
            () -> new NvidiaSmiPowerSensor(List.of("printf", "[N/A]\\n")).readWatts());
    assertTrue(na.getMessage().contains("no power figure: '[N/A]'"), na.getMessage());
    IOException failed =
        assertThrows(
            IOException.class,
            () ->
                new NvidiaSmiPowerSensor(List.of("sh", "-c", "echo NVML not found; exit 9"))
                    .readWatts());
    assertTrue(failed.getMessage().contains("exited with 9: NVML not found"), failed.getMessage());
  }
}
