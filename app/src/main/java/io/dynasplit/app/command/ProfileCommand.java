package io.dynasplit.app.command;

import io.dynasplit.app.profile.DataPlaneSetup;
import io.dynasplit.app.profile.LiveProfiler;
import io.dynasplit.app.profile.SampleInputs;
import io.dynasplit.app.profile.SplitSweep;
import io.dynasplit.models.catalog.CatalogEntry;
import io.dynasplit.models.runtime.SplitParts;
import io.dynasplit.schemas.Codec;
import io.dynasplit.schemas.FrontEntry;
import io.dynasplit.schemas.ParetoFront;
import io.dynasplit.schemas.Quantiles;
import io.dynasplit.schemas.RequestInput;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.ToDoubleFunction;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code dynasplit profile}: measure every split of a model through the real data plane and write
 * its front.
 */
@Command(
    name = "profile",
    mixinStandardHelpOptions = true,
    description = {
      "Measure a model at each of its split points through the real path, in this process: an"
          + " embedded broker, a cloud worker and an edge node; every request and intermediate"
          + " tensor crosses the broker. Hardware knobs stay at their current values. Each split is"
          + " pinned by publishing a one-entry front on the edge's pareto topic, warmed up, then"
          + " run N times one after another.",
      "Fidelity compares each reply's output with the full fp32 model's for the same input (top-1"
          + " agreement for classifiers, cosine similarity otherwise); the requests take the sample"
          + " inputs in turn.",
      "Writes a front file (latency p50 and p95, head, transfer and tail times, bytes, edge and"
          + " cloud energy, fidelity per split) that `dynasplit up` and `dynasplit edge` schedule"
          + " from."
    },
    footer = {
      "",
      "Examples:",
      "  dynasplit profile --model ppocr-cls",
      "  dynasplit profile --model ppocr-det --splits 0,120,296 --n 20 --image page.png --breakdown"
    })
public final class ProfileCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--model", required = true, paramLabel = "ID", description = "the catalog model")
  String model;

  @Option(
      names = "--splits",
      paramLabel = "all|LIST",
      defaultValue = "all",
      description =
          "the split indices to measure: all candidates, or a comma-separated list (default:"
              + " ${DEFAULT-VALUE})")
  String splits;

  @Option(
      names = "--n",
      paramLabel = "N",
      defaultValue = "50",
      description = "measured requests per split (default: ${DEFAULT-VALUE})")
  int n;

  @Option(
      names = "--warmup",
      paramLabel = "N",
      defaultValue = "3",
      description =
          "least warm-up requests per split before measuring; the warm-up goes on until the"
              + " timings settle (median of the last 5 within 10% of the 5 before), at most N+30"
              + " (N+300 for the first split, on a cold JVM) (default: ${DEFAULT-VALUE})")
  int warmup;

  @Option(
      names = "--image",
      paramLabel = "FILE",
      description = "a PNG or JPEG input (default: a seeded synthetic page, see --size)")
  Path image;

  @Option(
      names = "--size",
      paramLabel = "WxH",
      defaultValue = "640x480",
      description = "size of the synthetic input image (default: ${DEFAULT-VALUE})")
  String size;

  // set through methods so that the hidden --codec is not overwritten by a default
  String codecs = "fp32";

  @Option(
      names = "--codecs",
      paramLabel = "LIST",
      description =
          "intermediate tensor encodings, one or a comma-separated list of "
              + LiveSpaceOptions.CODECS_HELP
              + "; each split is measured with each (default: fp32)")
  void codecs(String value) {
    codecs = value;
  }

  /** Deprecated spelling of {@code --codecs}, kept working but hidden from the help. */
  @Option(names = "--codec", paramLabel = "CODEC", hidden = true)
  void deprecatedCodec(String value) {
    codecs = value;
  }

  @Mixin MaxTensorsOption maxTensors;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      defaultValue = DataPlaneSetup.DEFAULT_DATA,
      description =
          "data folder; the front goes to DIR/fronts/MODEL.json unless --out (default:"
              + " ${DEFAULT-VALUE})")
  Path data;

  @Option(names = "--out", paramLabel = "FILE", description = "where to write the front")
  Path out;

  @Option(
      names = "--breakdown",
      description = "also print where the time of each request went (p50 and p99 per stage)")
  boolean breakdown;

  @Option(
      names = "--samples",
      paramLabel = "K",
      defaultValue = "4",
      description =
          "synthetic sample inputs (seeded pages) the requests take in turn, for fidelity (default:"
              + " ${DEFAULT-VALUE}; 1 with --image)")
  int sampleCount;

  @Override
  public Integer call() throws Exception {
    if (n < 1 || warmup < 0 || sampleCount < 1) {
      throw new ParameterException(
          spec.commandLine(), "--n and --samples must be >= 1 and --warmup >= 0");
    }
    List<Codec> codecList = LiveSpaceOptions.codecs(spec, codecs);
    SplitParts parts = maxTensors.parts();
    CatalogEntry entry = parts.catalog().find(model).orElse(null);
    if (entry == null) {
      throw new IllegalArgumentException(
          "unknown model " + model + "; known: " + parts.catalog().ids());
    }
    int allEdge = parts.allEdgeSplit(model);
    List<Integer> indices = splitIndices(parts, allEdge);
    List<RequestInput> inputs = SampleInputs.of(image, size, sampleCount);
    Path target =
        out != null ? out : DataPlaneSetup.frontFile(DataPlaneSetup.frontsDir(data), model);
    SplitSweep sweep = new SplitSweep(indices, codecList);
    List<String> table = new ArrayList<>();
    List<LiveProfiler.Measurement> measured;
    try (ProgressBar bar =
            new ProgressBarBuilder()
                .setTaskName("profile " + model)
                .setInitialMax((long) sweep.size() * n)
                .setStyle(ProgressBarStyle.ASCII)
                .continuousUpdate()
                .build();
        LiveProfiler profiler =
            LiveProfiler.start(
                parts, model, inputs, new LiveProfiler.Settings(n, warmup), bar::step)) {
      measured = sweep.measure(profiler, (done, total, m) -> table.add(row(m)));
    }
    ParetoFront front = SplitSweep.front(model, measured);
    DataPlaneSetup.writeFront(target, front);
    out()
        .println(
            " split  p50 ms    p95 ms  head ms  transfer  tail ms      bytes  edge J    cloud J"
                + "  fidelity"
                + "  energy source edge/cloud");
    table.forEach(out()::println);
    out().println("front of " + front.entries().size() + " configurations written to " + target);
    return 0;
  }

  private String row(LiveProfiler.Measurement m) {
    FrontEntry e = m.entry();
    String row =
        String.format(
            Locale.ROOT,
            "%6d %9.1f %9.1f %8.1f %9.1f %8.1f %10d %9.4f %9.4f %8.4f  %s/%s",
            e.config().split(),
            e.latencyMs(),
            e.latencyP95Ms(),
            e.headMs(),
            e.transferMs(),
            e.tailMs(),
            e.bytes(),
            e.edgeEnergyJ(),
            e.cloudEnergyJ(),
            e.fidelity(),
            m.edgeSource(),
            m.cloudSource());
    return breakdown ? row + "\n" + breakdown(m.samples()) : row;
  }

  private static String breakdown(List<LiveProfiler.Sample> samples) {
    StringBuilder b = new StringBuilder("        stage      p50 ms    p99 ms\n");
    row(b, "queue", values(samples, s -> s.times().queueMs()));
    row(b, "head", values(samples, s -> s.times().headMs()));
    row(b, "encode", values(samples, s -> s.times().encodeMs()));
    row(b, "transfer", values(samples, s -> s.times().transferMs()));
    row(b, "cloud queue", values(samples, s -> s.times().cloudQueueMs()));
    row(b, "tail", values(samples, s -> s.times().tailMs()));
    row(b, "finish", values(samples, s -> s.times().finishMs()));
    row(b, "reply", values(samples, LiveProfiler.Sample::publishMs));
    double[] total = values(samples, s -> s.times().totalMs() + s.publishMs());
    row(b, "total", total);
    double[] overhead =
        values(
            samples,
            s -> s.times().totalMs() + s.publishMs() - s.times().headMs() - s.times().tailMs());
    row(b, "overhead", overhead);
    double[] share =
        values(
            samples,
            s ->
                100
                    * (s.times().totalMs()
                        + s.publishMs()
                        - s.times().headMs()
                        - s.times().tailMs())
                    / (s.times().totalMs() + s.publishMs()));
    b.append(
        String.format(
            Locale.ROOT,
            "  %11s %10.1f%% %8.1f%%",
            "overhead %",
            Quantiles.ofSorted(share, 0.5),
            Quantiles.ofSorted(share, 0.99)));
    return b.toString();
  }

  private static void row(StringBuilder b, String name, double[] v) {
    b.append(
        String.format(
            Locale.ROOT,
            "  %11s %10.2f %9.2f%n",
            name,
            Quantiles.ofSorted(v, 0.5),
            Quantiles.ofSorted(v, 0.99)));
  }

  private static double[] values(
      List<LiveProfiler.Sample> samples, ToDoubleFunction<LiveProfiler.Sample> f) {
    return LiveProfiler.sorted(samples, f);
  }

  private List<Integer> splitIndices(SplitParts parts, int allEdge) {
    if (splits.equals("all")) {
      return parts.candidates(model);
    }
    List<Integer> list = new ArrayList<>();
    for (String item : splits.split(",")) {
      int s;
      try {
        s = Integer.parseInt(item.trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "--splits must be all or a comma-separated list of indices: " + splits);
      }
      if (s < 0 || s > allEdge) {
        throw new IllegalArgumentException(
            "split " + s + " of " + model + " must be in 0.." + allEdge);
      }
      list.add(s);
    }
    return list;
  }

  private PrintWriter out() {
    return spec.commandLine().getOut();
  }

  private PrintWriter err() {
    return spec.commandLine().getErr();
  }
}
