package io.dynasplit.energy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dynasplit.schemas.EnergySource;
import io.dynasplit.testsupport.sysfs.FakeSysfs;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RaplEnergyMeterTest {

  @TempDir Path dir;

  /** Verifies that discovery finds the package zones and skips their sub-zones. */
  @Test
  void discoversPackageZonesOnly() {
    FakeSysfs sysfs =
        FakeSysfs.at(dir).raplZone(0, 1000, 262_143_328_850L).raplZone(1, 5, 262_143_328_850L);
    Rapl.Discovery found = Rapl.discover(sysfs.powercapDir());
    assertEquals(2, found.zones().size());
    assertEquals("intel-rapl:0", found.zones().get(0).id());
    assertEquals("package-1", found.zones().get(1).name());
    assertTrue(found.problems().isEmpty(), found.problems().toString());
  }

  /** Verifies that a window sums the counter differences of all packages. */
  @Test
  void windowSumsPackages() {
    FakeSysfs sysfs =
        FakeSysfs.at(dir).raplZone(0, 1_000_000, 10_000_000_000L).raplZone(1, 0, 10_000_000_000L);
    RaplEnergyMeter meter = new RaplEnergyMeter(Rapl.discover(sysfs.powercapDir()).zones());
    EnergyMeter.Window window = meter.open();
    sysfs.raplEnergy(0, 3_500_000).raplEnergy(1, 250_000);
    EnergyReading reading = window.close();
    assertEquals(EnergySource.RAPL, reading.source());
    assertEquals(2.5 + 0.25, reading.joules(), 1e-9);
  }

  /**
   * Verifies that a counter that wrapped past max_energy_range_uj still gives the energy in
   * between.
   */
  @Test
  void windowSurvivesWraparound() {
    long max = 262_143_328_850L;
    FakeSysfs sysfs = FakeSysfs.at(dir).raplZone(0, max - 400_000, max);
    RaplEnergyMeter meter = new RaplEnergyMeter(Rapl.discover(sysfs.powercapDir()).zones());
    EnergyMeter.Window window = meter.open();
    sysfs.raplEnergy(0, 600_000);
    assertEquals(1.0, window.close().joules(), 1e-9);
  }

  /** Verifies that a missing powercap folder is reported as missing, not as an error. */
  @Test
  void missingRootIsReported() {
    Rapl.Discovery found = Rapl.discover(dir.resolve("class/powercap"));
    assertFalse(found.available());
    assertTrue(found.problems().getFirst().startsWith("no rapl:"), found.problems().toString());
  }

  /** Verifies that a zone whose counter is garbage is left out with a line saying why. */
  @Test
  void garbageCounterIsReported() throws Exception {
    FakeSysfs sysfs = FakeSysfs.at(dir).raplZone(0, 5, 100);
    java.nio.file.Files.writeString(
        sysfs.powercapDir().resolve("intel-rapl:0/energy_uj"), "lots\n");
    Rapl.Discovery found = Rapl.discover(sysfs.powercapDir());
    assertFalse(found.available());
    assertTrue(found.problems().getFirst().contains("not a number"), found.problems().toString());
  }
}
