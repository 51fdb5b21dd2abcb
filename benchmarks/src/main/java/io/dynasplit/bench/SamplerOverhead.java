package io.dynasplit.bench;

import io.dynasplit.energy.PowerSampler;
import io.dynasplit.energy.PowerSensor;
import io.dynasplit.schemas.EnergySource;
import java.time.Duration;
import java.util.Locale;

/**
 * The power sampler's own overhead at a given rate: a sensor that costs nothing is sampled for a
 * while, and the sampler thread's CPU time, the rate reached and the tick jitter are printed. A
 * real INA read over I2C adds its bus time on top (about 0.2 to 0.5 ms per 16-bit register at 400
 * kHz, per the bus speed).
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar io.dynasplit.bench.SamplerOverhead [hz]
 * [seconds]} (default 1000 Hz for 10 s).
 */
public final class SamplerOverhead {

  private SamplerOverhead() {}

  /**
   * Samples a free sensor at {@code args[0]} Hz for {@code args[1]} seconds and prints the
   * overhead.
   */
  public static void main(String[] args) throws InterruptedException {
    int hz = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    PowerSensor free =
        new PowerSensor() {
          @Override
          public EnergySource source() {
            return EnergySource.INA226;
          }

          @Override
          public String description() {
            return "a sensor that costs nothing";
          }

          @Override
          public double readWatts() {
            return 3.0;
          }
        };
    long startCpu;
    long start;
    try (PowerSampler sampler =
        PowerSampler.start(free, Duration.ofNanos(1_000_000_000L / hz), 1 << 16)) {
      sampler.awaitFirstSample(Duration.ofSeconds(5));
      Thread.sleep(1000); // let the JIT settle
      PowerSampler.Stats before = sampler.stats();
      startCpu = before.threadCpuNanos();
      start = System.nanoTime();
      long samplesBefore = before.samples();
      Thread.sleep(seconds * 1000L);
      PowerSampler.Stats after = sampler.stats();
      double wall = (System.nanoTime() - start) / 1e9;
      long samples = after.samples() - samplesBefore;
      double cpuMs = (after.threadCpuNanos() - startCpu) / 1e6;
      System.out.printf(
          Locale.ROOT,
          "rate asked %d Hz, reached %.1f Hz over %.1f s; sampler thread cpu %.1f ms/s (%.2f %% of"
              + " one core), %.2f us per sample%n",
          hz,
          samples / wall,
          wall,
          cpuMs / wall,
          cpuMs / wall / 10,
          cpuMs * 1000 / samples);
    }
  }
}
