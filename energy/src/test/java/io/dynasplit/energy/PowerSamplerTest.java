package io.dynasplit.energy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dynasplit.schemas.EnergySource;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PowerSamplerTest {

  /** A sensor that reads 2 W, or fails while told to. */
  private static final class SwitchableSensor implements PowerSensor {
    final AtomicBoolean failing = new AtomicBoolean();
    final AtomicInteger closes = new AtomicInteger();

    @Override
    public EnergySource source() {
      return EnergySource.INA219;
    }

    @Override
    public String description() {
      return "switchable test sensor";
    }

    @Override
    public double readWatts() throws IOException {
      if (failing.get()) {
        throw new IOException("bus error");
      }
      return 2.0;
    }

    @Override
    public void close() {
      closes.incrementAndGet();
    }
  }

  /** Verifies that failing reads are counted with their message and sampling goes on after them. */
  @Test
  void countsFailuresAndGoesOn() throws Exception {
    SwitchableSensor sensor = new SwitchableSensor();
    sensor.failing.set(true);
    try (PowerSampler sampler = PowerSampler.start(sensor, Duration.ofMillis(1), 256)) {
      long deadline = System.nanoTime() + 30_000_000_000L;
      while (sampler.stats().errors() == 0 && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      assertTrue(sampler.stats().errors() > 0);
      assertFalse(sampler.awaitFirstSample(Duration.ZERO));
      assertEquals("bus error", sampler.stats().lastError());
      sensor.failing.set(false);
      assertTrue(sampler.awaitFirstSample(Duration.ofSeconds(5)));
      assertEquals(2.0, sampler.ring().newestWatts());
    }
  }

  /**
   * Verifies that a stalled sensor's window is refused, and the fallback meter labels its figure
   * model.
   */
  @Test
  void staleSamplesFallBackToModel() throws Exception {
    SwitchableSensor sensor = new SwitchableSensor();
    PowerSampler sampler = PowerSampler.start(sensor, Duration.ofMillis(1), 256);
    assertTrue(sampler.awaitFirstSample(Duration.ofSeconds(5)));
    sensor.failing.set(true); // from now on no fresh samples
    SampledEnergyMeter sampled = new SampledEnergyMeter(sampler);
    try (FallbackEnergyMeter meter =
        new FallbackEnergyMeter(sampled, new ModelEnergyMeter(new PowerModel(1, 1, 1)))) {
      EnergyMeter.Window window = meter.open();
      Thread.sleep(120); // longer than the 50 ms staleness limit
      EnergyReading reading = window.close();
      assertEquals(EnergySource.MODEL, reading.source());
      assertEquals(1, meter.fallbacks());
      EnergyMeter.Window direct = sampled.open();
      IllegalStateException e = assertThrows(IllegalStateException.class, direct::close);
      assertTrue(e.getMessage().startsWith("power samples are stale"), e.getMessage());
    }
    sampler.close(); // second close does nothing
    assertEquals(1, sensor.closes.get());
  }
}
