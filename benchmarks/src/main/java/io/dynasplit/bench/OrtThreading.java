package io.dynasplit.bench;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.dynasplit.models.catalog.ModelCatalog;
import io.dynasplit.models.graph.InputShapes;
import io.dynasplit.models.graph.ModelAnalysis;
import io.dynasplit.models.graph.ModelAnalyzer;
import io.dynasplit.models.graph.OnnxModel;
import io.dynasplit.models.graph.SampleInputs;
import io.dynasplit.schemas.Quantiles;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What ONNX Runtime's thread pools cost at one request in flight: the same model (the PP-OCR
 * classifier, whole) in one session per thread setting, intra-op threads at the default (one per
 * core) or 1 or 2, with the pools' spinning on (ONNX Runtime's default) or off. Requests come one
 * at a time with a gap between them, as from a sensor waiting for its reply. The variants run in
 * turn in every round, so load changes hit them alike. Reports the median wall time of a run and
 * the process CPU time per request (the spinning threads burn CPU outside the calling thread).
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar io.dynasplit.bench.OrtThreading
 * [rounds] [per-round] [gap-ms]} (defaults 30, 20, 2).
 */
public final class OrtThreading {

  private record Variant(String name, int threads, boolean spinning) {}

  private static final List<Variant> VARIANTS =
      List.of(
          new Variant("default threads, spinning on", 0, true),
          new Variant("default threads, spinning off", 0, false),
          new Variant("2 threads, spinning on", 2, true),
          new Variant("2 threads, spinning off", 2, false),
          new Variant("1 thread", 1, false));

  private OrtThreading() {}

  /** Runs the measurement and prints a table. */
  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
    int perRound = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    long gapMs = args.length > 2 ? Long.parseLong(args[2]) : 2;
    byte[] bytes =
        ModelCatalog.builtIn(Path.of("target", "no-generated-models")).resolve("ppocr-cls").bytes();
    ModelAnalysis analysis =
        ModelAnalyzer.analyze(
            OnnxModel.fromBytes("ppocr-cls", bytes), InputShapes.parse(List.of()));
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    var os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    int n = VARIANTS.size();
    OrtSession[] sessions = new OrtSession[n];
    double[][] wall = new double[n][rounds * perRound];
    double[][] cpuPerRequest = new double[n][rounds];
    try (SampleInputs input = SampleInputs.create(env, analysis.inputs(), 42)) {
      for (int v = 0; v < n; v++) {
        sessions[v] = env.createSession(bytes, options(VARIANTS.get(v)));
      }
      for (int r = -3; r < rounds; r++) {
        for (int v = 0; v < n; v++) {
          long c0 = os.getProcessCpuTime();
          for (int i = 0; i < perRound; i++) {
            long w0 = System.nanoTime();
            try (OrtSession.Result ignored = sessions[v].run(input.tensors())) {
              if (r >= 0) {
                wall[v][r * perRound + i] = (System.nanoTime() - w0) / 1e6;
              }
            }
            Thread.sleep(gapMs);
          }
          if (r >= 0) {
            cpuPerRequest[v][r] = (os.getProcessCpuTime() - c0) / 1e6 / perRound;
          }
        }
      }
    } finally {
      for (OrtSession s : sessions) {
        if (s != null) {
          s.close();
        }
      }
    }
    System.out.printf(
        Locale.ROOT,
        "ppocr-cls whole model, %d cores, %d rounds x %d requests, %d ms gap, one in flight%n",
        Runtime.getRuntime().availableProcessors(),
        rounds,
        perRound,
        gapMs);
    System.out.printf(
        Locale.ROOT,
        "%-32s %12s %12s %22s%n",
        "variant",
        "wall p50 ms",
        "wall p95 ms",
        "CPU ms per request p50");
    for (int v = 0; v < n; v++) {
      System.out.printf(
          Locale.ROOT,
          "%-32s %12.2f %12.2f %22.2f%n",
          VARIANTS.get(v).name(),
          p(wall[v], 0.5),
          p(wall[v], 0.95),
          p(cpuPerRequest[v], 0.5));
    }
  }

  private static double p(double[] values, double q) {
    double[] sorted = values.clone();
    java.util.Arrays.sort(sorted);
    return Quantiles.ofSorted(sorted, q);
  }

  private static OrtSession.SessionOptions options(Variant v) throws OrtException {
    OrtSession.SessionOptions o = new OrtSession.SessionOptions();
    if (v.threads() > 0) {
      o.setIntraOpNumThreads(v.threads());
    }
    o.addConfigEntry("session.intra_op.allow_spinning", v.spinning() ? "1" : "0");
    o.addConfigEntry("session.inter_op.allow_spinning", v.spinning() ? "1" : "0");
    return o;
  }
}
