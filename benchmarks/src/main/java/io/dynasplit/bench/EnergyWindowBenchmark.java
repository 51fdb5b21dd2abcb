package io.dynasplit.bench;

import io.dynasplit.energy.EnergyMeter;
import io.dynasplit.energy.EnergyReading;
import io.dynasplit.energy.ModelEnergyMeter;
import io.dynasplit.energy.PowerModel;
import io.dynasplit.energy.PowerRing;
import io.dynasplit.energy.Rapl;
import io.dynasplit.energy.RaplEnergyMeter;
import io.dynasplit.testsupport.sysfs.FakeSysfs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What metering one request costs the data plane: a window opened and closed with the CPU-time
 * model, with RAPL counters (a fake powercap tree on tmpfs), and the trapezoidal integration a
 * sampled sensor's window does at close over 100 ms and 1 s of 1 kHz samples; plus one sample's
 * insertion into the ring (the sampler's per-tick work).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EnergyWindowBenchmark {

  private static final long MS = 1_000_000L;

  private Path dir;
  private EnergyMeter model;
  private EnergyMeter rapl;
  private PowerRing ring;
  private PowerRing writeRing;
  private long t;
  private long end;

  /** Builds the meters and a ring of 10 s of 1 kHz samples. */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    Path shm = Path.of("/dev/shm");
    dir =
        Files.createTempDirectory(
            Files.isDirectory(shm) ? shm : Path.of(System.getProperty("java.io.tmpdir")),
            "dynasplit-rapl-");
    FakeSysfs sysfs = FakeSysfs.at(dir).raplZone(0, 1_000_000, 262_143_328_850L);
    rapl = new RaplEnergyMeter(Rapl.discover(sysfs.powercapDir()).zones());
    model = new ModelEnergyMeter(new PowerModel(2.7, 0.9, 4));
    ring = new PowerRing(1 << 14);
    for (int i = 0; i < 10_000; i++) {
      ring.add(i * MS, 3 + Math.sin(i / 50.0));
    }
    end = 9_999 * MS;
    writeRing = new PowerRing(1 << 16);
  }

  /** Removes the fake tree. */
  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /** Open and close with the CPU-time model (source model). */
  @Benchmark
  public EnergyReading modelWindow() {
    return model.open().close();
  }

  /** Open and close over RAPL counters: two sysfs reads (source rapl). */
  @Benchmark
  public EnergyReading raplWindow() {
    return rapl.open().close();
  }

  /** Integration at close of a 100 ms window of 1 kHz samples. */
  @Benchmark
  public double sampledClose100ms() {
    return ring.joules(end - 100 * MS + 500_000, end - 200_000);
  }

  /** Integration at close of a 1 s window of 1 kHz samples. */
  @Benchmark
  public double sampledClose1s() {
    return ring.joules(end - 1000 * MS + 500_000, end - 200_000);
  }

  /** One sample into the ring, as the sampler thread does each tick. */
  @Benchmark
  public void ringAdd() {
    writeRing.add(t++, 3.0);
  }
}
