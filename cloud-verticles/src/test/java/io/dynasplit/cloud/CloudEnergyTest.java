package io.dynasplit.cloud;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dynasplit.energy.EnergyMeters;
import io.dynasplit.energy.PowerModel;
import io.dynasplit.schemas.EnergySource;
import io.dynasplit.testsupport.sysfs.FakeSysfs;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CloudEnergyTest {

  @TempDir Path dir;

  private CloudSettings settings(String accelerator, boolean nvidiaSmi, Path powercap) {
    return CloudSettings.defaults("energy-test", "localhost", 1883)
        .withAccelerator(accelerator)
        .withEnergy(new EnergySettings(new PowerModel(40, 5, 8), powercap, nvidiaSmi));
  }

  /** Verifies that nvidia-smi asked for on a cpu worker is not used, and the notes say why. */
  @Test
  void nvidiaSmiIsNotUsedForCpuTails() {
    EnergyMeters.Selection chosen =
        CloudEnergy.select(settings("cpu", true, dir.resolve("none")), () -> true);
    assertEquals(EnergySource.MODEL, chosen.source());
    assertTrue(
        chosen.notes().getFirst().startsWith("nvidia-smi is not used: the tails run on the cpu"),
        chosen.notes().toString());
  }

  /**
   * Verifies that a gpu worker without nvidia-smi on the PATH says so and falls to RAPL where
   * readable.
   */
  @Test
  void gpuWorkerWithoutNvidiaSmiUsesRapl() {
    FakeSysfs sysfs = FakeSysfs.at(dir).raplZone(0, 1_000_000, 262_143_328_850L);
    EnergyMeters.Selection chosen =
        CloudEnergy.select(settings("gpu", true, sysfs.powercapDir()), () -> false);
    assertEquals(EnergySource.RAPL, chosen.source());
    assertEquals("nvidia-smi is unusable: it is not on the PATH", chosen.notes().getFirst());
    assertTrue(
        chosen
            .notes()
            .contains("power sensor configured, unusable; energy is measured by rapl instead"),
        chosen.notes().toString());
  }

  /**
   * Verifies that a worker asking for no sensor with no RAPL gets its power model, described in the
   * notes.
   */
  @Test
  void modelWhereNothingMeasures() {
    EnergyMeters.Selection chosen =
        CloudEnergy.select(settings("gpu", false, dir.resolve("none")), () -> true);
    assertEquals(EnergySource.MODEL, chosen.source());
    assertTrue(
        chosen.notes().getLast().contains("40.000 W idle + 5.000 W per busy core"),
        chosen.notes().toString());
  }
}
