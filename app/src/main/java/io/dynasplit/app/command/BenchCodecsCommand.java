package io.dynasplit.app.command;

import io.dynasplit.app.bench.CodecBench;
import io.dynasplit.app.profile.DataPlaneSetup;
import io.dynasplit.app.profile.SampleInputs;
import io.dynasplit.app.profile.SyntheticImages;
import io.dynasplit.models.processing.ModelInput;
import io.dynasplit.models.runtime.HeadActivations;
import io.dynasplit.models.runtime.SplitParts;
import io.dynasplit.schemas.Codec;
import io.dynasplit.schemas.TailRequestHeader;
import io.dynasplit.schemas.Tensor;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dynasplit bench codecs}: bytes and encode/decode time of each codec, side by side. */
@Command(
    name = "codecs",
    mixinStandardHelpOptions = true,
    description = {
      "Measure, in one run, every intermediate tensor codec on real activations: for each model,"
          + " the head's output at one split for a synthetic text page, then, round by round and"
          + " codec by codec, the tail request frame's bytes, the edge's encode time (from the"
          + " float32 outputs) and the cloud's decode time (from the received payload back to"
          + " float32). Prints each codec's bytes over fp32's and over its numeric codec's alone,"
          + " and the bandwidth below which its compression saves more transfer time than it"
          + " costs."
    },
    footer = {"", "Example:", "  dynasplit bench codecs --models ppocr-det,ppocr-cls --n 50"})
public final class BenchCodecsCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--models",
      split = ",",
      paramLabel = "LIST",
      defaultValue = "ppocr-det,ppocr-cls",
      description = "catalog models (default: ${DEFAULT-VALUE})")
  List<String> models;

  @Option(
      names = "--split",
      paramLabel = "MODEL=N",
      description =
          "the split of a model (default: "
              + BenchDataplaneCommand.DETECTOR_SPLIT
              + " for ppocr-det, the middle candidate for the others)")
  Map<String, Integer> splits = new LinkedHashMap<>();

  @Option(
      names = "--codecs",
      paramLabel = "LIST",
      description =
          "codecs to compare, of " + LiveSpaceOptions.CODECS_HELP + " (default: all of them)")
  String codecs;

  @Option(
      names = "--n",
      paramLabel = "N",
      defaultValue = "50",
      description = "measured rounds, each codec once per round (default: ${DEFAULT-VALUE})")
  int n;

  @Option(
      names = "--warmup",
      paramLabel = "N",
      defaultValue = "10",
      description = "rounds before those, not measured (default: ${DEFAULT-VALUE})")
  int warmup;

  @Option(
      names = "--size",
      paramLabel = "WxH",
      defaultValue = "640x480",
      description = "size of the synthetic input page (default: ${DEFAULT-VALUE})")
  String size;

  @Override
  public Integer call() throws Exception {
    if (n < 1 || warmup < 0) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--n must be >= 1 and --warmup >= 0");
    }
    List<Codec> codecList =
        codecs == null ? Arrays.asList(Codec.values()) : LiveSpaceOptions.codecs(spec, codecs);
    String[] wh = size.toLowerCase(Locale.ROOT).split("x");
    int width;
    int height;
    try {
      width = Integer.parseInt(wh[0]);
      height = Integer.parseInt(wh[1]);
    } catch (RuntimeException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--size must be WxH: " + size);
    }
    SplitParts parts = DataPlaneSetup.parts(SplitParts.DEFAULT_MAX_TENSORS);
    Map<String, Integer> chosen = new LinkedHashMap<>();
    for (String model : models) {
      if (parts.catalog().find(model).isEmpty()) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "unknown model " + model + "; known: " + parts.catalog().ids());
      }
      chosen.put(model, BenchDataplaneCommand.split(spec, parts, model, splits));
    }
    ModelInput page =
        new ModelInput.Image(SyntheticImages.textPage(width, height, SampleInputs.FIRST_SEED));
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<String> lines = new ArrayList<>();
    try (ProgressBar bar =
        ProgressBars.ascii(err, "bench codecs", (long) chosen.size() * n, " rounds")) {
      for (Map.Entry<String, Integer> m : chosen.entrySet()) {
        String model = m.getKey();
        int split = m.getValue();
        List<Tensor> activation = HeadActivations.at(parts, model, split, page);
        TailRequestHeader header =
            new TailRequestHeader(
                "bench-1", model, split, 1000, 0, 0, 0, codecList.get(0), "bench-edge");
        List<CodecBench.Row> rows =
            CodecBench.measure(header, activation, codecList, n, warmup, r -> bar.step());
        lines.addAll(table(model, split, activation, rows));
      }
    }
    lines.forEach(out::println);
    out.println(
        "times p50 and p90 ms over "
            + n
            + " rounds after "
            + warmup
            + "; bytes: the whole frame; x fp32, x plain: bytes over the fp32 frame's and over the"
            + " same numeric codec's without compression; pays below: the bandwidth under which"
            + " the bytes saved take longer to send than the extra encode and decode time");
    out.flush();
    return 0;
  }

  private static List<String> table(
      String model, int split, List<Tensor> activation, List<CodecBench.Row> rows) {
    List<String> lines = new ArrayList<>();
    StringBuilder shapes = new StringBuilder();
    for (Tensor t : activation) {
      shapes.append(shapes.isEmpty() ? "" : ", ").append(t.name()).append(' ').append(t.shape());
    }
    lines.add(model + " split " + split + ": " + shapes);
    lines.add(
        "codec        frame bytes  x fp32  x plain  encode ms    p90  decode ms    p90  pays"
            + " below");
    Map<Codec, CodecBench.Row> by = new LinkedHashMap<>();
    rows.forEach(r -> by.put(r.codec(), r));
    CodecBench.Row fp32 = by.get(Codec.FP32);
    for (CodecBench.Row r : rows) {
      CodecBench.Row plain = by.get(r.codec().uncompressed());
      lines.add(
          String.format(
              Locale.ROOT,
              "%-11s %12d %7s %8s %10.2f %6.2f %10.2f %6.2f %11s",
              r.codec().wireName(),
              r.frameBytes(),
              fp32 == null ? "-" : ratio(r.frameBytes(), fp32.frameBytes()),
              plain == null ? "-" : ratio(r.frameBytes(), plain.frameBytes()),
              r.encodeP50Ms(),
              r.encodeP90Ms(),
              r.decodeP50Ms(),
              r.decodeP90Ms(),
              plain == null || plain == r ? "-" : paysBelow(r, plain)));
    }
    lines.add("");
    return lines;
  }

  private static String ratio(long a, long b) {
    return String.format(Locale.ROOT, "%.3f", (double) a / b);
  }

  /** The bandwidth at which the bytes saved take as long to send as compression costs. */
  private static String paysBelow(CodecBench.Row r, CodecBench.Row plain) {
    double savedBits = 8.0 * (plain.frameBytes() - r.frameBytes());
    double extraS =
        (r.encodeP50Ms() + r.decodeP50Ms() - plain.encodeP50Ms() - plain.decodeP50Ms()) / 1000;
    if (savedBits <= 0) {
      return "never";
    }
    if (extraS <= 0) {
      return "always";
    }
    return String.format(Locale.ROOT, "%.0f Mbit/s", savedBits / extraS / 1e6);
  }
}
