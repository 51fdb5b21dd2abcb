package io.dynasplit.bench;

import ai.onnxruntime.OnnxTensorLike;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;
import io.dynasplit.models.catalog.ModelCatalog;
import io.dynasplit.models.graph.InputShapes;
import io.dynasplit.models.graph.ModelAnalysis;
import io.dynasplit.models.graph.ModelAnalyzer;
import io.dynasplit.models.graph.ModelSplitter;
import io.dynasplit.models.graph.OnnxModel;
import io.dynasplit.models.graph.SampleInputs;
import io.dynasplit.models.graph.SplitModels;
import io.dynasplit.models.graph.SplitPoint;
import io.dynasplit.schemas.Quantiles;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The cost of splitting PP-OCRv3 det, measured so that a shared, loaded machine still gives a fair
 * comparison: full model, head and tail run in turn in every round (so load changes hit all three
 * alike), on one intra-op thread, which ONNX Runtime runs on the calling thread, so the thread's
 * CPU time is measured besides wall time. Reports medians over the rounds and the median of each
 * round's (head + tail) / full.
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar io.dynasplit.bench.SplitOverhead
 * [rounds] [size]} (defaults 60 rounds, 640).
 */
public final class SplitOverhead {

  private SplitOverhead() {}

  /** Runs the measurement and prints a table. */
  public static void main(String[] args) throws OrtException {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
    int size = args.length > 1 ? Integer.parseInt(args[1]) : 640;
    byte[] bytes =
        ModelCatalog.builtIn(Path.of("target", "no-generated-models")).resolve("ppocr-det").bytes();
    ModelAnalysis analysis =
        ModelAnalyzer.analyze(
            OnnxModel.fromBytes("ppocr-det", bytes),
            InputShapes.parse(List.of("x=1x3x" + size + "x" + size)));
    int index = SplitToolingBenchmark.middleCandidate(analysis);
    SplitPoint point = analysis.splitPoint(index);
    SplitModels pair = ModelSplitter.split(analysis, index);
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setOptimizationLevel(OptLevel.ALL_OPT);
      options.setIntraOpNumThreads(1);
      options.setInterOpNumThreads(1);
      try (OrtSession full = env.createSession(bytes, options);
          OrtSession head = env.createSession(pair.head(), options);
          OrtSession tail = env.createSession(pair.tail(), options);
          SampleInputs input = SampleInputs.create(env, analysis.inputs(), 42)) {
        int warmup = 5;
        double[][] wall = new double[3][rounds];
        double[][] cpuMs = new double[3][rounds];
        for (int r = -warmup; r < rounds; r++) {
          long w0 = System.nanoTime();
          long c0 = cpu.getCurrentThreadCpuTime();
          try (OrtSession.Result ignored = full.run(input.tensors())) {
            long w1 = System.nanoTime();
            long c1 = cpu.getCurrentThreadCpuTime();
            record(wall, cpuMs, 0, r, w1 - w0, c1 - c0);
          }
          long w2 = System.nanoTime();
          long c2 = cpu.getCurrentThreadCpuTime();
          try (OrtSession.Result h = head.run(input.tensors())) {
            long w3 = System.nanoTime();
            long c3 = cpu.getCurrentThreadCpuTime();
            Map<String, OnnxTensorLike> mid = new HashMap<>();
            for (Map.Entry<String, OnnxValue> e : h) {
              mid.put(e.getKey(), (OnnxTensorLike) e.getValue());
            }
            try (OrtSession.Result ignored = tail.run(mid)) {
              long w4 = System.nanoTime();
              long c4 = cpu.getCurrentThreadCpuTime();
              record(wall, cpuMs, 1, r, w3 - w2, c3 - c2);
              record(wall, cpuMs, 2, r, w4 - w3, c4 - c3);
            }
          }
        }
        System.out.printf(
            Locale.ROOT,
            "ppocr-det 1x3x%dx%d, split %d of %d (%.1f%% of MACs in the head, %d bytes crossing),"
                + " %d rounds, 1 thread, all optimizations%n",
            size,
            size,
            index,
            analysis.nodeCount(),
            100 * point.computeFraction(),
            point.crossingBytes(),
            rounds);
        print("wall", wall);
        print("cpu", cpuMs);
      }
    }
  }

  private static void record(
      double[][] wall, double[][] cpuMs, int which, int round, long wallNs, long cpuNs) {
    if (round >= 0) {
      wall[which][round] = wallNs / 1e6;
      cpuMs[which][round] = cpuNs / 1e6;
    }
  }

  private static void print(String what, double[][] t) {
    int n = t[0].length;
    double[] sum = new double[n];
    double[] ratio = new double[n];
    for (int i = 0; i < n; i++) {
      sum[i] = t[1][i] + t[2][i];
      ratio[i] = sum[i] / t[0][i];
    }
    System.out.printf(
        Locale.ROOT,
        "%-5s median ms: full %.2f, head %.2f, tail %.2f, head+tail %.2f; median (head+tail)/full"
            + " %.4f (p25 %.4f, p75 %.4f)%n",
        what,
        median(t[0]),
        median(t[1]),
        median(t[2]),
        median(sum),
        median(ratio),
        quantile(ratio, 0.25),
        quantile(ratio, 0.75));
  }

  private static double median(double[] v) {
    return quantile(v, 0.5);
  }

  private static double quantile(double[] v, double q) {
    double[] s = v.clone();
    Arrays.sort(s);
    return Quantiles.ofSorted(s, q);
  }
}
