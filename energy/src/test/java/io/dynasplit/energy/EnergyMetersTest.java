package io.dynasplit.energy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dynasplit.schemas.EnergySource;
import io.dynasplit.testsupport.sysfs.FakeSysfs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnergyMetersTest {

  @TempDir Path dir;

  private static final PowerModel MODEL = new PowerModel(2.0, 1.0, 4);

  /**
   * Verifies that with no sensor and no RAPL the model is chosen and the notes say energy is
   * modelled.
   */
  @Test
  void fallsBackToModel() {
    EnergyMeters.Selection chosen =
        EnergyMeters.select(Optional.empty(), dir.resolve("none"), MODEL);
    assertEquals(EnergySource.MODEL, chosen.source());
    assertEquals(EnergySource.MODEL, chosen.meter().open().close().source());
    assertTrue(
        chosen.notes().stream().anyMatch(n -> n.startsWith("no rapl")), chosen.notes().toString());
    assertTrue(
        chosen.notes().getLast().startsWith("energy is modelled"), chosen.notes().toString());
  }

  /**
   * Verifies that a configured sensor that failed is reported as configured but unusable, never as
   * missing.
   */
  @Test
  void unusableSensorIsNotCalledMissing() {
    String problem = "ina sensor ina219 on i2c bus 7 at 0x40 is unusable: no such bus";
    EnergyMeters.Selection chosen =
        EnergyMeters.select(Optional.empty(), List.of(problem), dir.resolve("none"), MODEL);
    assertEquals(EnergySource.MODEL, chosen.source());
    assertEquals(problem, chosen.notes().getFirst());
    assertTrue(
        chosen.notes().contains("power sensor configured, unusable; energy is modelled"),
        chosen.notes().toString());
    assertTrue(
        chosen.notes().stream().noneMatch(n -> n.startsWith("no power sensor")),
        chosen.notes().toString());
    assertTrue(
        chosen.notes().getLast().startsWith("energy is modelled"), chosen.notes().toString());

    FakeSysfs sysfs = FakeSysfs.at(dir).raplZone(0, 0, 1_000_000_000L);
    EnergyMeters.Selection rapl =
        EnergyMeters.select(Optional.empty(), List.of(problem), sysfs.powercapDir(), MODEL);
    assertEquals(EnergySource.RAPL, rapl.source());
    assertTrue(
        rapl.notes()
            .contains("power sensor configured, unusable; energy is measured by rapl instead"),
        rapl.notes().toString());
  }

  /** Verifies that readable RAPL counters are preferred to the model. */
  @Test
  void prefersRapl() {
    FakeSysfs sysfs = FakeSysfs.at(dir).raplZone(0, 0, 1_000_000_000L);
    EnergyMeters.Selection chosen =
        EnergyMeters.select(Optional.empty(), sysfs.powercapDir(), MODEL);
    assertEquals(EnergySource.RAPL, chosen.source());
    EnergyMeter.Window window = chosen.meter().open();
    sysfs.raplEnergy(0, 2_000_000);
    EnergyReading reading = window.close();
    assertEquals(EnergySource.RAPL, reading.source());
    assertEquals(2.0, reading.joules(), 1e-9);
  }

  /**
   * Verifies that a RAPL counter that fails during a window yields a model figure labelled model.
   */
  @Test
  void failedMeasurementIsLabelledModel() throws Exception {
    FakeSysfs sysfs = FakeSysfs.at(dir).raplZone(0, 0, 1_000_000_000L);
    EnergyMeters.Selection chosen =
        EnergyMeters.select(Optional.empty(), sysfs.powercapDir(), MODEL);
    EnergyMeter.Window window = chosen.meter().open();
    Files.delete(sysfs.powercapDir().resolve("intel-rapl:0/energy_uj"));
    EnergyReading reading = window.close();
    assertEquals(EnergySource.MODEL, reading.source());
    assertEquals(1, ((FallbackEnergyMeter) chosen.meter()).fallbacks());
  }

  /**
   * Verifies that a configured sensor is preferred to RAPL and its samples are integrated over the
   * window.
   */
  @Test
  void prefersSensor() throws Exception {
    FakeSysfs sysfs = FakeSysfs.at(dir).raplZone(0, 0, 1_000_000_000L);
    PowerSensor steady =
        new PowerSensor() {
          @Override
          public EnergySource source() {
            return EnergySource.INA226;
          }

          @Override
          public String description() {
            return "steady 4 W source";
          }

          @Override
          public double readWatts() {
            return 4.0;
          }
        };
    PowerSampler sampler = PowerSampler.start(steady, Duration.ofMillis(2), 1024);
    try (EnergyMeter meter =
        EnergyMeters.select(Optional.of(sampler), sysfs.powercapDir(), MODEL).meter()) {
      assertTrue(sampler.awaitFirstSample(Duration.ofSeconds(5)));
      assertEquals(EnergySource.INA226, meter.source());
      EnergyMeter.Window window = meter.open();
      Thread.sleep(30);
      long now = System.nanoTime();
      while (sampler.ring().newestNanos() < now) { // a fresh sample, however loaded the machine
        Thread.sleep(1);
      }
      EnergyReading reading = window.close();
      assertEquals(EnergySource.INA226, reading.source());
      assertEquals(4.0 * reading.seconds(), reading.joules(), 1e-9);
    }
  }
}
