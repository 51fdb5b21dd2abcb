package io.dynasplit.energy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dynasplit.schemas.EnergySource;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ModelEnergyMeterTest {

  /**
   * Verifies that the model charges idle power for the wall time and per-core power for the CPU
   * time.
   */
  @Test
  void chargesIdleAndBusyPower() {
    AtomicLong clock = new AtomicLong(1_000_000_000L);
    AtomicLong cpu = new AtomicLong(5_000_000_000L);
    ModelEnergyMeter meter =
        new ModelEnergyMeter(new PowerModel(3.0, 1.5, 4), cpu::get, clock::get);

    EnergyMeter.Window window = meter.open();
    clock.addAndGet(200_000_000L); // 0.2 s
    cpu.addAndGet(300_000_000L); // 0.3 s of cpu: 1.5 busy cores
    EnergyReading reading = window.close();

    assertEquals(EnergySource.MODEL, reading.source());
    assertEquals(3.0 * 0.2 + 1.5 * 0.3, reading.joules(), 1e-12);
    assertEquals(0.2, reading.seconds(), 1e-12);
  }

  /** Verifies that CPU time beyond all cores busy is capped at the model's core count. */
  @Test
  void capsBusyTimeAtCoreCount() {
    AtomicLong clock = new AtomicLong();
    AtomicLong cpu = new AtomicLong();
    ModelEnergyMeter meter =
        new ModelEnergyMeter(new PowerModel(1.0, 2.0, 2), cpu::get, clock::get);
    EnergyMeter.Window window = meter.open();
    clock.addAndGet(1_000_000_000L);
    cpu.addAndGet(8_000_000_000L);
    assertEquals(1.0 + 2.0 * 2, window.close().joules(), 1e-12);
  }

  /**
   * Verifies that the real process CPU clock charges more than idle power when this thread spins.
   */
  @Test
  void realCpuTimeRaisesTheEstimate() {
    PowerModel model = new PowerModel(2.0, 10.0, Runtime.getRuntime().availableProcessors());
    ModelEnergyMeter meter = new ModelEnergyMeter(model);
    EnergyMeter.Window window = meter.open();
    long end = System.nanoTime() + 50_000_000L;
    double sink = 0;
    while (System.nanoTime() < end) {
      sink += Math.sqrt(sink + 1);
    }
    EnergyReading reading = window.close();
    assertTrue(sink > 0);
    assertTrue(
        reading.joules() > model.idleWatts() * reading.seconds(),
        "expected busy power above idle: " + reading);
  }

  /** Verifies that a window closes once only. */
  @Test
  void windowClosesOnce() {
    EnergyMeter.Window window = new ModelEnergyMeter(PowerModel.RASPBERRY_PI_4_UNCALIBRATED).open();
    window.close();
    assertThrows(IllegalStateException.class, window::close);
  }

  /** Verifies that the model's values are checked with messages naming them. */
  @Test
  void modelChecksItsValues() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new PowerModel(-1, 1, 1));
    assertTrue(e.getMessage().contains("idleWatts"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new PowerModel(1, Double.NaN, 1));
    assertThrows(IllegalArgumentException.class, () -> new PowerModel(1, 1, 0));
  }
}
