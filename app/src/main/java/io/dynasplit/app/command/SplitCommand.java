package io.dynasplit.app.command;

import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;
import io.dynasplit.models.catalog.CatalogEntry;
import io.dynasplit.models.catalog.ModelCatalog;
import io.dynasplit.models.catalog.ModelNotFoundException;
import io.dynasplit.models.catalog.ResolvedModel;
import io.dynasplit.models.graph.InputShapes;
import io.dynasplit.models.graph.ModelAnalysis;
import io.dynasplit.models.graph.ModelAnalyzer;
import io.dynasplit.models.graph.ModelGraphException;
import io.dynasplit.models.graph.ModelSplitter;
import io.dynasplit.models.graph.OnnxModel;
import io.dynasplit.models.graph.SplitCheck;
import io.dynasplit.models.graph.SplitModels;
import io.dynasplit.models.graph.SplitPoint;
import io.dynasplit.models.graph.SplitVerifier;
import io.dynasplit.models.graph.TensorSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dynasplit split}: list a model's split points, cut it in two, or verify every cut. */
@Command(
    name = "split",
    mixinStandardHelpOptions = true,
    description = {
      "List the candidate split points of an ONNX model, cut it into head.onnx and tail.onnx, or"
          + " check in ONNX Runtime that head followed by tail reproduces the model at every"
          + " candidate.",
      "A split index counts the compute nodes (constants left out) of the model's topological order"
          + " that run in the head: 0 is all cloud, the last index all edge."
    },
    footer = {
      "",
      "Examples:",
      "  dynasplit split ppocr-det --list",
      "  dynasplit split ppocr-det --at 120 --out /tmp/det-120",
      "  dynasplit split minilm-l6 --verify --max-tensors 2",
      "  dynasplit split my-model.onnx --list --input-shape x=1x3x320x320"
    })
public final class SplitCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin ModelsDirOption models;

  @Parameters(
      index = "0",
      paramLabel = "MODEL",
      description = "a catalog id (see `dynasplit models list`) or the path of an ONNX file")
  String model;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Action action;

  static final class Action {
    @Option(
        names = "--list",
        required = true,
        description = "print the candidate split points as a table")
    boolean list;

    @Option(
        names = "--at",
        paramLabel = "N",
        required = true,
        description = "cut at candidate split N (needs --out)")
    Integer at;

    @Option(
        names = "--verify",
        required = true,
        description =
            "cut at every candidate and compare head+tail with the model (pass at max |diff| <="
                + " 1e-5)")
    boolean verify;
  }

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "folder for head.onnx, tail.onnx and manifest.json (with --at)")
  Path out;

  @Option(
      names = {"-k", "--max-tensors"},
      paramLabel = "K",
      defaultValue = "1",
      description = "most tensors that may cross a split (default: ${DEFAULT-VALUE})")
  int maxTensors;

  @Option(
      names = "--input-shape",
      paramLabel = "NAME=DIMS",
      description =
          "shape to analyse an input at, e.g. x=1x3x320x320 (repeatable); dynamic dimensions not"
              + " given are 1 for the batch and 64 otherwise")
  List<String> inputShapes = new ArrayList<>();

  @Option(
      names = "--seed",
      paramLabel = "SEED",
      defaultValue = "42",
      description = "seed of the random input of --verify (default: ${DEFAULT-VALUE})")
  long seed;

  /** ONNX Runtime graph optimization levels, as --verify takes them. */
  enum Optimization {
    none(OptLevel.NO_OPT),
    basic(OptLevel.BASIC_OPT),
    extended(OptLevel.EXTENDED_OPT),
    all(OptLevel.ALL_OPT);

    final OptLevel level;

    Optimization(OptLevel level) {
      this.level = level;
    }
  }

  @Option(
      names = "--optimization",
      paramLabel = "LEVEL",
      defaultValue = "none",
      description =
          "ONNX Runtime graph optimizations for --verify: ${COMPLETION-CANDIDATES} (default:"
              + " ${DEFAULT-VALUE}: the graphs run exactly as cut)")
  Optimization optimization;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (maxTensors < 1) {
      throw new ParameterException(spec.commandLine(), "--max-tensors must be >= 1: " + maxTensors);
    }
    if (action.at != null && this.out == null) {
      throw new ParameterException(spec.commandLine(), "--at needs --out DIR");
    }
    try {
      Loaded loaded = load(models.catalog(), model);
      InputShapes shapes = loaded.shapes;
      try {
        shapes = merge(shapes, InputShapes.parse(inputShapes));
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), e.getMessage(), e);
      }
      ModelAnalysis analysis = ModelAnalyzer.analyze(loaded.model, shapes);
      if (action.list) {
        return list(out, analysis);
      }
      if (action.at != null) {
        return cut(out, analysis, action.at);
      }
      return verify(out, err, analysis);
    } catch (ModelNotFoundException | ModelGraphException e) {
      throw new CommandFailure(e.getMessage());
    } catch (IOException | java.io.UncheckedIOException e) {
      throw new CommandFailure(e.getMessage());
    }
  }

  private int list(PrintWriter out, ModelAnalysis analysis) {
    List<SplitPoint> candidates = analysis.requireCandidates(maxTensors);
    out.printf(
        Locale.ROOT,
        "model %s: %d compute nodes, %d candidate splits with at most %d crossing tensor(s), inputs"
            + " %s%n",
        analysis.model().id(),
        analysis.nodeCount(),
        candidates.size(),
        maxTensors,
        describe(analysis.inputs()));
    out.printf(
        Locale.ROOT, "%6s  %8s  %12s  %s%n", "split", "compute", "bytes", "crossing tensors");
    for (SplitPoint p : candidates) {
      out.printf(
          Locale.ROOT,
          "%6d  %7.2f%%  %12d  %s%n",
          p.index(),
          100 * p.computeFraction(),
          p.crossingBytes(),
          crossing(p));
    }
    return 0;
  }

  private int cut(PrintWriter out, ModelAnalysis analysis, int index) throws IOException {
    List<SplitPoint> candidates = analysis.candidates(maxTensors);
    analysis.splitPoint(index); // range check with its own message
    if (candidates.stream().noneMatch(p -> p.index() == index)) {
      throw new ModelGraphException(
          ModelGraphException.Reason.UNKNOWN_SPLIT,
          "split "
              + index
              + " of model '"
              + analysis.model().id()
              + "' is not a candidate with at most "
              + maxTensors
              + " crossing tensor(s) ("
              + analysis.splitPoint(index).crossing().size()
              + " cross there); see `dynasplit split "
              + model
              + " --list --max-tensors K`");
    }
    SplitModels pair = ModelSplitter.split(analysis, index);
    pair.writeTo(this.out);
    out.printf(
        Locale.ROOT,
        "wrote %s (%d bytes), %s (%d bytes) and %s to %s%n",
        SplitModels.HEAD_FILE,
        pair.head().length,
        SplitModels.TAIL_FILE,
        pair.tail().length,
        SplitModels.MANIFEST_FILE,
        this.out);
    out.printf(
        Locale.ROOT,
        "split %d: %.2f%% of the compute in the head, crossing %s%n",
        index,
        100 * pair.manifest().computeFraction(),
        crossing(analysis.splitPoint(index)));
    return 0;
  }

  private int verify(PrintWriter out, PrintWriter err, ModelAnalysis analysis) {
    List<SplitPoint> candidates = analysis.requireCandidates(maxTensors);
    out.printf(
        Locale.ROOT,
        "model %s: verifying %d candidate splits (at most %d crossing tensor(s)) on a seeded random"
            + " input %s, seed %d%n",
        analysis.model().id(),
        candidates.size(),
        maxTensors,
        describe(analysis.inputs()),
        seed);
    out.printf(
        Locale.ROOT,
        "%6s  %8s  %8s  %12s  %12s  %s%n",
        "split",
        "compute",
        "tensors",
        "bytes",
        "max |diff|",
        "result");
    List<SplitCheck> checks = new ArrayList<>();
    try (SplitVerifier verifier = new SplitVerifier(analysis, seed, optimization.level);
        ProgressBar bar =
            ProgressBars.builder(err, "verify", candidates.size()).clearDisplayOnFinish().build()) {
      for (SplitPoint p : candidates) {
        SplitCheck check = verifier.verify(p);
        checks.add(check);
        bar.step();
      }
    }
    int passed = 0;
    for (SplitCheck c : checks) {
      SplitPoint p = c.point();
      String result = c.passed() ? "ok" : "FAIL" + c.error().map(e -> ": " + e).orElse("");
      out.printf(
          Locale.ROOT,
          "%6d  %7.2f%%  %8d  %12d  %12.3g  %s%n",
          p.index(),
          100 * p.computeFraction(),
          p.crossing().size(),
          p.crossingBytes(),
          c.maxAbsDiff(),
          result);
      passed += c.passed() ? 1 : 0;
    }
    out.printf(Locale.ROOT, "verified %d of %d splits%n", passed, checks.size());
    if (passed != checks.size()) {
      err.printf(
          Locale.ROOT,
          "error: %d of %d splits of model '%s' do not reproduce the model within %.0e%n",
          checks.size() - passed,
          checks.size(),
          analysis.model().id(),
          SplitVerifier.TOLERANCE);
      return 1;
    }
    return 0;
  }

  private record Loaded(OnnxModel model, InputShapes shapes) {}

  private static Loaded load(ModelCatalog catalog, String argument) throws IOException {
    ResolvedModel resolved = catalog.resolve(argument);
    OnnxModel model =
        resolved.path().isPresent()
            ? OnnxModel.load(resolved.path().get()).withId(resolved.id())
            : OnnxModel.fromBytes(resolved.id(), resolved.bytes());
    InputShapes shapes = InputShapes.defaults();
    if (resolved.entry().isPresent()) {
      CatalogEntry entry = resolved.entry().get();
      for (io.dynasplit.models.catalog.TensorSpec input : entry.inputs()) {
        if (input.isFixed()) {
          shapes = shapes.with(input.name(), input.shape());
        }
      }
    }
    return new Loaded(model, shapes);
  }

  private static InputShapes merge(InputShapes base, InputShapes given) {
    InputShapes merged = base;
    for (var e : given.shapes().entrySet()) {
      merged = merged.with(e.getKey(), e.getValue());
    }
    return merged;
  }

  private static String crossing(SplitPoint p) {
    List<String> parts = new ArrayList<>();
    for (TensorSpec t : p.crossing()) {
      parts.add(t.name() + " " + t.dtype().label() + "[" + t.shapeText() + "]");
    }
    return String.join(", ", parts);
  }

  private static String describe(List<TensorSpec> inputs) {
    List<String> parts = new ArrayList<>();
    for (TensorSpec t : inputs) {
      parts.add(t.name() + " " + t.dtype().label() + "[" + t.shapeText() + "]");
    }
    return String.join(", ", parts);
  }
}
