package io.dynasplit.bench;

import io.dynasplit.scheduler.AdaptiveSettings;
import io.dynasplit.scheduler.Decision;
import io.dynasplit.scheduler.FrontIndex;
import io.dynasplit.scheduler.Policy;
import io.dynasplit.scheduler.Scheduler;
import io.dynasplit.scheduler.SwitchCosts;
import io.dynasplit.schemas.Codec;
import io.dynasplit.schemas.Configuration;
import io.dynasplit.schemas.FrontEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of one scheduling decision over a 50-entry front: the paper's rule ({@code dynasplit}, a
 * binary search) and {@code adaptive} (a scan under live estimates, with switch costs), for SLAs
 * drawn like the paper's workload. Run in throughput mode for decisions per second and in sample
 * mode for the p99.
 */
@State(Scope.Thread)
@BenchmarkMode({Mode.Throughput, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DecisionBenchmark {

  private static final long SEED = 42;
  private static final int SLAS = 4096;

  @Param({"50"})
  int entries;

  private Scheduler dynasplit;
  private Scheduler adaptive;
  private double[] slas;
  private int next;

  /**
   * Builds a seeded Pareto front (latency up, energy down), schedulers with live observations, and
   * SLAs.
   */
  @Setup
  public void setUp() {
    SplittableRandom random = new SplittableRandom(SEED);
    List<FrontEntry> front = front(entries, random);
    dynasplit = new Scheduler(Policy.DYNASPLIT, AdaptiveSettings.DEFAULT);
    dynasplit.load(FrontIndex.of("bench", front));
    adaptive = new Scheduler(Policy.ADAPTIVE, AdaptiveSettings.DEFAULT.withQuantile(0.9));
    adaptive.load(FrontIndex.of("bench", front));
    adaptive.setSwitchCosts(
        SwitchCosts.NONE
            .with(SwitchCosts.ChangeKind.CPU_FREQUENCY, 120, 530)
            .with(SwitchCosts.ChangeKind.EDGE_ACCELERATOR, 200, 400));
    adaptive.setCurrentConfiguration(front.get(entries / 2).config());
    for (int i = 0; i < 64; i++) {
      FrontEntry e = front.get(random.nextInt(front.size()));
      if (e.bytes() > 0) {
        adaptive
            .live()
            .observeTransfer(e, e.bytes(), e.transferMs() * (0.8 + 0.6 * random.nextDouble()));
        adaptive
            .live()
            .observeTail(
                e, e.tailMs() * (0.9 + 0.4 * random.nextDouble()), random.nextDouble() * 5);
      }
      adaptive.live().observeHead(e, e.headMs() * (0.95 + 0.1 * random.nextDouble()));
    }
    slas = new double[SLAS];
    for (int i = 0; i < SLAS; i++) {
      // Weibull with shape 1 (exponential) rescaled to 90..5000 ms, as the paper's workload
      slas[i] = Math.min(5000, 90 + 600 * -Math.log(1 - random.nextDouble()));
    }
  }

  private static List<FrontEntry> front(int n, SplittableRandom random) {
    List<FrontEntry> out = new ArrayList<>(n);
    int[] mhz = {600, 800, 1000, 1200, 1400, 1600, 1800};
    String[] accel = {"off", "std", "max"};
    for (int i = 0; i < n; i++) {
      double t = (double) i / (n - 1);
      int split = (int) Math.round(t * 22);
      double head = 10 + 420 * t * t;
      double transfer = split == 22 ? 0 : 2 + 40 * (1 - t) * random.nextDouble();
      double tail = split == 22 ? 0 : 70 * (1 - t) + 5;
      long bytes = split == 22 ? 0 : (long) (4_000 + 3_000_000 * (1 - t) * random.nextDouble());
      double edgeJ = 0.3 + 2 * t;
      double cloudJ = split == 22 ? 0 : 66 * (1 - t) + 0.5;
      Configuration c =
          new Configuration(
              split,
              mhz[random.nextInt(mhz.length)],
              split == 0 ? "off" : accel[random.nextInt(accel.length)],
              0,
              Codec.FP32,
              split == 22 ? Configuration.CLOUD_NONE : "gpu");
      double latency = head + transfer + tail;
      out.add(
          new FrontEntry(
              c, latency, latency * 1.1, head, transfer, tail, bytes, edgeJ, cloudJ, 0.6, 10));
    }
    return out;
  }

  private double nextSla() {
    double sla = slas[next];
    next = (next + 1) & (SLAS - 1);
    return sla;
  }

  /** One decision by the paper's rule. */
  @Benchmark
  public Decision dynasplit() {
    return dynasplit.decide("bench", nextSla());
  }

  /** One decision by the adaptive policy. */
  @Benchmark
  public Decision adaptive() {
    return adaptive.decide("bench", nextSla());
  }
}
