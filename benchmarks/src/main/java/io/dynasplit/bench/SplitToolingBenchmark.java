package io.dynasplit.bench;

import io.dynasplit.models.catalog.ModelCatalog;
import io.dynasplit.models.graph.InputShapes;
import io.dynasplit.models.graph.ModelAnalysis;
import io.dynasplit.models.graph.ModelAnalyzer;
import io.dynasplit.models.graph.ModelSplitter;
import io.dynasplit.models.graph.OnnxModel;
import io.dynasplit.models.graph.SplitModels;
import io.dynasplit.models.graph.SplitPoint;
import io.dynasplit.models.zoo.ModelGenerator;
import io.dynasplit.models.zoo.ReferenceModels;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
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
 * Time to list the candidate splits of a model (parse, analyse with one ONNX Runtime run, find the
 * candidates) and to cut it at its middle candidate (head and tail bytes plus manifest).
 *
 * <p>PP-OCRv3 det is analysed at 1x3x640x640; ResNet-50 is the generated reference model (synthetic
 * weights) at its fixed 1x3x224x224.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
    value = 1,
    jvmArgs = {"-Xmx4g", "--enable-native-access=ALL-UNNAMED"})
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
public class SplitToolingBenchmark {

  @Param({"ppocr-det", "resnet50"})
  public String model;

  private byte[] bytes;
  private InputShapes shapes;
  private ModelAnalysis analysis;
  private int middle;

  @Setup
  public void setUp() {
    if (model.equals("resnet50")) {
      bytes =
          new ModelGenerator(ModelGenerator.DEFAULT_SEED).toBytes(ReferenceModels.get("resnet50"));
      shapes = InputShapes.defaults();
    } else {
      bytes = ModelCatalog.builtIn(Path.of("target", "no-generated-models")).resolve(model).bytes();
      shapes = InputShapes.parse(List.of("x=1x3x640x640"));
    }
    analysis = ModelAnalyzer.analyze(OnnxModel.fromBytes(model, bytes), shapes);
    middle = middleCandidate(analysis);
  }

  /** The k=1 candidate closest to half the model's compute. */
  static int middleCandidate(ModelAnalysis analysis) {
    return analysis.candidates(1).stream()
        .filter(p -> !p.allCloud() && !p.allEdge())
        .min(Comparator.comparingDouble((SplitPoint p) -> Math.abs(p.computeFraction() - 0.5)))
        .orElseThrow()
        .index();
  }

  /**
   * Parse the model bytes, analyse the graph (one ONNX Runtime run) and list the k=1 candidates.
   */
  @Benchmark
  public List<SplitPoint> list() {
    return ModelAnalyzer.analyze(OnnxModel.fromBytes(model, bytes), shapes).candidates(1);
  }

  /**
   * Cut the analysed model at its middle candidate: head and tail bytes, SHA-256 of both, manifest.
   */
  @Benchmark
  public SplitModels cut() {
    return ModelSplitter.split(analysis, middle);
  }
}
