package io.dynasplit.bench;

import ai.onnxruntime.OnnxTensor;
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
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
 * The cost of splitting PP-OCRv3 det at its middle k=1 candidate: the whole model against its head,
 * its tail, and head followed by tail, on one 1x3x640x640 input, each session with all ONNX Runtime
 * graph optimizations and one intra-op thread.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
    value = 1,
    jvmArgs = {"-Xmx2g", "--enable-native-access=ALL-UNNAMED"})
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
public class SplitInferenceBenchmark {

  private OrtSession full;
  private OrtSession head;
  private OrtSession tail;
  private SampleInputs input;
  private Map<String, OnnxTensor> crossing;

  @Setup(Level.Trial)
  public void setUp() throws OrtException {
    byte[] bytes =
        ModelCatalog.builtIn(Path.of("target", "no-generated-models")).resolve("ppocr-det").bytes();
    ModelAnalysis analysis =
        ModelAnalyzer.analyze(
            OnnxModel.fromBytes("ppocr-det", bytes), InputShapes.parse(List.of("x=1x3x640x640")));
    SplitModels pair =
        ModelSplitter.split(analysis, SplitToolingBenchmark.middleCandidate(analysis));
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setOptimizationLevel(OptLevel.ALL_OPT);
      options.setIntraOpNumThreads(1);
      full = env.createSession(bytes, options);
      head = env.createSession(pair.head(), options);
      tail = env.createSession(pair.tail(), options);
    }
    input = SampleInputs.create(env, analysis.inputs(), 42);
    crossing = new HashMap<>();
    try (OrtSession.Result r = head.run(input.tensors())) {
      for (Map.Entry<String, OnnxValue> e : r) {
        OnnxTensor t = (OnnxTensor) e.getValue();
        ByteBuffer data = t.getByteBuffer();
        ByteBuffer copy =
            ByteBuffer.allocateDirect(data.remaining()).order(ByteOrder.nativeOrder());
        copy.put(data.order(ByteOrder.nativeOrder())).flip();
        crossing.put(
            e.getKey(),
            OnnxTensor.createTensor(env, copy, t.getInfo().getShape(), t.getInfo().type));
      }
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws OrtException {
    crossing.values().forEach(OnnxTensor::close);
    input.close();
    tail.close();
    head.close();
    full.close();
  }

  /** The whole model. */
  @Benchmark
  public long full() throws OrtException {
    try (OrtSession.Result r = full.run(input.tensors())) {
      return r.size();
    }
  }

  /** The head alone. */
  @Benchmark
  public long head() throws OrtException {
    try (OrtSession.Result r = head.run(input.tensors())) {
      return r.size();
    }
  }

  /** The tail alone, on a head output computed once. */
  @Benchmark
  public long tail() throws OrtException {
    try (OrtSession.Result r = tail.run(crossing)) {
      return r.size();
    }
  }

  /** Head, then tail on the head's output, as one process that splits would run them. */
  @Benchmark
  public long headThenTail() throws OrtException {
    try (OrtSession.Result h = head.run(input.tensors())) {
      Map<String, OnnxTensorLike> mid = new HashMap<>();
      for (Map.Entry<String, OnnxValue> e : h) {
        mid.put(e.getKey(), (OnnxTensorLike) e.getValue());
      }
      try (OrtSession.Result t = tail.run(mid)) {
        return t.size();
      }
    }
  }
}
