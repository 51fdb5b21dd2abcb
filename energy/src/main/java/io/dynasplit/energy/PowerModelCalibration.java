package io.dynasplit.energy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.IntConsumer;
import java.util.function.LongSupplier;

/**
 * Calibrates a {@link PowerModel} against a measuring meter (an INA sensor, RAPL): the device is
 * held at 0, 1, ... {@code cores} busy cores in turn, the mean power of each step is measured, and
 * idle power and power per busy core are fitted by least squares.
 */
public final class PowerModelCalibration {

  private PowerModelCalibration() {}

  /**
   * One measured step.
   *
   * @param busyCores the process's busy cores during the step (CPU time over wall time), {@code >=
   *     0}
   * @param watts mean power measured during the step, {@code >= 0}
   */
  public record Point(double busyCores, double watts) {
    /** Checks the values. */
    public Point {
      if (!(busyCores >= 0) || Double.isInfinite(busyCores)) {
        throw new IllegalArgumentException("busyCores must be finite and >= 0: " + busyCores);
      }
      if (!(watts >= 0) || Double.isInfinite(watts)) {
        throw new IllegalArgumentException("watts must be finite and >= 0: " + watts);
      }
    }
  }

  /**
   * The least-squares line {@code watts = idle + perCore * busyCores} through the points.
   *
   * @param cores the model's core count
   * @throws IllegalArgumentException if the points span less than 0.5 busy cores, or the fit gives
   *     a negative idle or per-core power (the measurements do not follow the model)
   */
  public static PowerModel fit(List<Point> points, int cores) {
    int n = points.size();
    double sx = 0;
    double sy = 0;
    for (Point p : points) {
      sx += p.busyCores();
      sy += p.watts();
    }
    double mx = sx / n;
    double my = sy / n;
    double sxx = 0;
    double sxy = 0;
    double min = Double.MAX_VALUE;
    double max = -Double.MAX_VALUE;
    for (Point p : points) {
      sxx += (p.busyCores() - mx) * (p.busyCores() - mx);
      sxy += (p.busyCores() - mx) * (p.watts() - my);
      min = Math.min(min, p.busyCores());
      max = Math.max(max, p.busyCores());
    }
    if (n < 2 || max - min < 0.5) {
      throw new IllegalArgumentException(
          "calibration points must span at least 0.5 busy cores: " + points);
    }
    double perCore = sxy / sxx;
    double idle = my - perCore * mx;
    if (perCore < 0 || idle < 0) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "the measurements do not fit idle + per-core power (idle %.3f W, per core %.3f W):"
                  + " %s",
              idle,
              perCore,
              points));
    }
    return new PowerModel(idle, perCore, cores);
  }

  /**
   * Measures one point per busy-core count from 0 to {@code cores}, spinning that many threads for
   * {@code step}.
   *
   * @param meter a measuring meter; its own figures are what the model is fitted to
   * @param progress told the index of each step as it starts
   * @implNote blocks for {@code (cores + 1) * step} and keeps up to {@code cores} cores busy
   */
  public static List<Point> measure(
      EnergyMeter meter, int cores, Duration step, IntConsumer progress)
      throws InterruptedException {
    Objects.requireNonNull(meter, "meter");
    if (cores < 1) {
      throw new IllegalArgumentException("cores must be >= 1: " + cores);
    }
    LongSupplier cpu = ModelEnergyMeter.processCpuTime();
    List<Point> points = new ArrayList<>();
    for (int busy = 0; busy <= cores; busy++) {
      progress.accept(busy);
      long end = System.nanoTime() + step.toNanos();
      List<Thread> spinners = new ArrayList<>();
      for (int i = 0; i < busy; i++) {
        spinners.add(
            Thread.ofPlatform().name("dynasplit-calibration-" + i).daemon().start(() -> spin(end)));
      }
      long cpu0 = cpu.getAsLong();
      EnergyMeter.Window window = meter.open();
      long wait = end - System.nanoTime();
      if (wait > 0) {
        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
      }
      EnergyReading reading = window.close();
      long cpu1 = cpu.getAsLong();
      for (Thread t : spinners) {
        t.join();
      }
      double seconds = reading.seconds();
      points.add(new Point(seconds == 0 ? 0 : (cpu1 - cpu0) / 1e9 / seconds, reading.meanWatts()));
    }
    return points;
  }

  private static void spin(long endNanos) {
    double x = 1;
    while (System.nanoTime() < endNanos) {
      for (int i = 0; i < 1000; i++) {
        x = x * 1.000001 + 1e-9;
      }
    }
    if (x == 0) {
      throw new AssertionError("unreachable"); // keeps the loop from being optimized away
    }
  }
}
