package io.dynasplit.bench;

import io.dynasplit.edge.hardware.cpufreq.CpuFreq;
import io.dynasplit.edge.hardware.cpufreq.CpuFreqController;
import io.dynasplit.edge.hardware.cpufreq.CpuFreqException;
import io.dynasplit.testsupport.sysfs.FakeSysfs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of applying a CPU frequency through the cpufreq sysfs path, in-process, against a fake tree
 * on tmpfs ({@code /dev/shm}): a real change (governor check, {@code scaling_setspeed} or min/max
 * writes, read-back of {@code scaling_cur_freq}) and a no-op (the frequency already in force). The
 * reference implementation ran {@code cpufreq-set} over SSH at 120 to 530 ms per change. A fake
 * tree on tmpfs measures our code and the file system calls, not the kernel's frequency transition,
 * which a board adds on top.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FrequencyChangeBenchmark {

  private static final List<Integer> KHZ = List.of(600_000, 1_000_000, 1_500_000);

  /**
   * {@code userspace}: governor + scaling_setspeed; {@code pin}: scaling_min_freq and
   * scaling_max_freq.
   */
  @Param({"userspace", "pin"})
  public String method;

  private Path dir;
  private CpuFreqController cpu;
  private boolean high;

  /** Lays out the fake tree on tmpfs and opens the controller. */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    Path shm = Path.of("/dev/shm");
    dir =
        Files.createTempDirectory(
            Files.isDirectory(shm) ? shm : Path.of(System.getProperty("java.io.tmpdir")),
            "dynasplit-cpufreq-");
    List<String> governors =
        method.equals("userspace")
            ? List.of("ondemand", "userspace", "performance")
            : List.of("schedutil", "performance");
    FakeSysfs sysfs = FakeSysfs.at(dir).policy(0, KHZ, governors, 1_500_000);
    cpu = CpuFreqController.open(CpuFreq.discover(sysfs.root())).orElseThrow();
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

  /** A real change every call: 600 MHz and 1500 MHz in turn. */
  @Benchmark
  public CpuFreqController.Change change() throws CpuFreqException {
    high = !high;
    return cpu.apply(high ? 1500 : 600);
  }

  /** The frequency already in force: nothing is written (the trial's first call sets it). */
  @Benchmark
  public CpuFreqController.Change noOp() throws CpuFreqException {
    return cpu.apply(1000);
  }
}
