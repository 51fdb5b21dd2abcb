package io.dynasplit.app.command;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.dynasplit.models.zoo.ModelGenerator;
import io.dynasplit.models.zoo.ReferenceModel;
import io.dynasplit.models.zoo.ReferenceModels;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code dynasplit models bench}: generation time and file size of each generated model, and ONNX
 * Runtime inference time on one input, single-threaded and with ONNX Runtime's default threads.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Benchmark the generated reference models (SYNTHETIC weights).",
      "%nFor each: generation time and file size (written to a temporary folder, deleted after),"
          + " ONNX Runtime session load time, and the median inference time on one seeded random"
          + " input (224x224; 32x32 for the tiny CNN) with 1 intra-op thread and with ONNX"
          + " Runtime's default. Prints a Markdown table.",
    })
public final class ModelsBenchCommand implements Callable<Integer> {

  @Option(
      names = "--only",
      paramLabel = "ID",
      split = ",",
      description = "Benchmark only these models: ${COMPLETION-CANDIDATES}.",
      completionCandidates = GeneratedModelIds.class)
  List<String> only = new ArrayList<>();

  @Option(
      names = "--runs",
      paramLabel = "N",
      description =
          "Timed inference runs per setting, after 2 warm-up runs (default: ${DEFAULT-VALUE}).")
  int runs = 10;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException, OrtException {
    if (runs < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--runs must be >= 1: " + runs);
    }
    GeneratedModelIds.requireGenerated(spec, only);
    PrintWriter out = spec.commandLine().getOut();
    out.println(
        "| model (SYNTHETIC weights) | parameters | file | generate | session load | inference, 1"
            + " thread (median) | inference, default threads (median) |");
    out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
    out.flush();
    Path dir = Files.createTempDirectory("dynasplit-bench");
    try {
      for (ReferenceModel model : ReferenceModels.all()) {
        if (!only.isEmpty() && !only.contains(model.id())) {
          continue;
        }
        Path file = dir.resolve(model.id() + ".onnx");
        long t0 = System.nanoTime();
        long size = new ModelGenerator().write(model, file, n -> {});
        double generateS = (System.nanoTime() - t0) / 1e9;
        double[] single = time(file, model.inputShape(), true);
        double[] multi = time(file, model.inputShape(), false);
        out.printf(
            Locale.ROOT,
            "| %s | %,d | %s | %.1f s | %.2f s | %.2f ms | %.2f ms |%n",
            model.id(),
            model.plan().parameterCount(),
            Sizes.bytes(size),
            generateS,
            single[0],
            single[1],
            multi[1]);
        out.flush();
        Files.delete(file);
      }
    } finally {
      try (var files = Files.list(dir)) {
        for (Path p : files.toList()) {
          Files.deleteIfExists(p);
        }
      }
      Files.deleteIfExists(dir);
    }
    return 0;
  }

  /** Session load seconds and median inference milliseconds. */
  private double[] time(Path file, long[] shape, boolean singleThread) throws OrtException {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    int n = (int) Arrays.stream(shape).reduce(1, (a, b) -> a * b);
    float[] input = new float[n];
    SplittableRandom random = new SplittableRandom(1);
    for (int i = 0; i < n; i++) {
      input[i] = (float) random.nextGaussian();
    }
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      if (singleThread) {
        options.setIntraOpNumThreads(1);
      }
      long t0 = System.nanoTime();
      try (OrtSession session = env.createSession(file.toString(), options);
          OnnxTensor x = OnnxTensor.createTensor(env, FloatBuffer.wrap(input), shape)) {
        double loadS = (System.nanoTime() - t0) / 1e9;
        String name = session.getInputNames().iterator().next();
        double[] ms = new double[runs];
        for (int i = -2; i < runs; i++) {
          long s = System.nanoTime();
          try (OrtSession.Result r = session.run(Map.of(name, x))) {
            if (r.size() == 0) {
              throw new IllegalStateException("model " + file + " gave no output");
            }
            if (i >= 0) {
              ms[i] = (System.nanoTime() - s) / 1e6;
            }
          }
        }
        Arrays.sort(ms);
        double median = runs % 2 == 1 ? ms[runs / 2] : (ms[runs / 2 - 1] + ms[runs / 2]) / 2;
        return new double[] {loadS, median};
      }
    }
  }
}
