package io.dynasplit.models.zoo;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.LongConsumer;
import java.util.stream.IntStream;

/**
 * Turns a {@link ReferenceModel}'s plan into an ONNX model (opset 17) whose weights are seeded
 * random numbers, stored as raw little-endian float32 data, with metadata saying they are
 * synthetic.
 *
 * <p>The same seed gives byte-identical models: each weight is filled in chunks of {@value #CHUNK}
 * values, each chunk from its own random stream derived from the seed, the weight's index and the
 * chunk's index, so chunks can be filled in parallel.
 *
 * @implNote CPU and memory bound: VGG-16 takes about 553 MB of heap and a few seconds.
 */
public final class ModelGenerator {

  /** The seed used when none is given. */
  public static final long DEFAULT_SEED = 20240501L;

  /** Metadata key whose value is {@code true} in every generated model. */
  public static final String SYNTHETIC_KEY = "dynasplit.synthetic";

  /** Metadata key whose value says in words that the weights are synthetic. */
  public static final String WEIGHTS_KEY = "dynasplit.weights";

  /** The ONNX opset the generated models import. */
  public static final int OPSET = 17;

  private static final int CHUNK = 1 << 20;
  private static final long IR_VERSION = 8;

  private final long seed;

  /** A generator drawing weights from {@code seed}. */
  public ModelGenerator(long seed) {
    this.seed = seed;
  }

  /** A generator with {@link #DEFAULT_SEED}. */
  public ModelGenerator() {
    this(DEFAULT_SEED);
  }

  /** The seed. */
  public long seed() {
    return seed;
  }

  /**
   * Builds the model in memory.
   *
   * @param model the architecture
   * @param progress told how many weight values were just filled (total {@link
   *     GraphPlan#weightElements()}); may be called from several threads at once
   */
  public ModelProto generate(ReferenceModel model, LongConsumer progress) {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(progress, "progress");
    GraphPlan plan = model.plan();
    GraphProto.Builder graph =
        GraphProto.newBuilder().setName(plan.name()).addAllNode(plan.nodes());
    plan.inputs().forEach(p -> graph.addInput(valueInfo(p)));
    plan.outputs().forEach(p -> graph.addOutput(valueInfo(p)));
    List<GraphPlan.Weight> weights = plan.weights();
    for (int i = 0; i < weights.size(); i++) {
      graph.addInitializer(fill(weights.get(i), i, progress));
    }
    for (GraphPlan.IntConstant c : plan.intConstants()) {
      TensorProto.Builder t =
          TensorProto.newBuilder()
              .setName(c.name())
              .setDataType(TensorProto.DataType.INT64.getNumber());
      for (long d : c.shape()) {
        t.addDims(d);
      }
      for (long v : c.values()) {
        t.addInt64Data(v);
      }
      graph.addInitializer(t);
    }
    for (GraphPlan.FloatConstant c : plan.floatConstants()) {
      graph.addInitializer(
          TensorProto.newBuilder()
              .setName(c.name())
              .setDataType(TensorProto.DataType.FLOAT.getNumber())
              .addFloatData(c.value()));
    }
    String words =
        "synthetic: seeded random numbers (seed "
            + seed
            + "), not trained weights; the outputs mean nothing,"
            + " compute and tensor sizes match the published architecture";
    return ModelProto.newBuilder()
        .setIrVersion(IR_VERSION)
        .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
        .setProducerName("dynasplit")
        .setProducerVersion("1")
        .setDocString(model.architecture() + "; weights " + words)
        .setGraph(graph)
        .addMetadataProps(meta("dynasplit.model", model.id()))
        .addMetadataProps(meta("dynasplit.architecture", model.architecture()))
        .addMetadataProps(meta(SYNTHETIC_KEY, "true"))
        .addMetadataProps(meta(WEIGHTS_KEY, words))
        .addMetadataProps(meta("dynasplit.seed", Long.toString(seed)))
        .addMetadataProps(meta("dynasplit.parameters", Long.toString(plan.parameterCount())))
        .build();
  }

  /** Builds the model and serializes it; for small models (the tiny CNN). */
  public byte[] toBytes(ReferenceModel model) {
    return generate(model, n -> {}).toByteArray();
  }

  /**
   * The progress total of {@link #write}: every weight value once when filled and once (as 4 bytes)
   * when written.
   */
  public static long writeProgressTotal(ReferenceModel model) {
    return 2 * model.plan().weightElements();
  }

  /**
   * Generates the model and writes it to {@code target} (through a temporary file in the same
   * folder, moved into place when complete), returning the file size.
   *
   * @param progress told how much work was just done, {@link #writeProgressTotal} in all: weight
   *     values filled, then bytes written divided by 4; may be called from several threads
   */
  public long write(ReferenceModel model, Path target, LongConsumer progress) throws IOException {
    ModelProto proto = generate(model, progress);
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = dir.resolve("." + target.getFileName() + ".part");
    try {
      try (OutputStream out =
          new ProgressOutputStream(
              new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 20), progress)) {
        proto.writeTo(out);
      }
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
    return Files.size(target);
  }

  /** Counts bytes written and reports them, divided by 4, to a progress consumer. */
  private static final class ProgressOutputStream extends FilterOutputStream {
    private final LongConsumer progress;
    private long pending;

    ProgressOutputStream(OutputStream out, LongConsumer progress) {
      super(out);
      this.progress = progress;
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      count(1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      count(len);
    }

    private void count(long n) {
      pending += n;
      if (pending >= (1 << 22)) {
        progress.accept(pending / Float.BYTES);
        pending %= Float.BYTES;
      }
    }

    @Override
    public void close() throws IOException {
      progress.accept(pending / Float.BYTES);
      pending = 0;
      super.close();
    }
  }

  private TensorProto fill(GraphPlan.Weight w, int index, LongConsumer progress) {
    long n = w.elements();
    byte[] bytes = new byte[Math.toIntExact(n * Float.BYTES)];
    FloatBuffer all = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
    int chunks = (int) ((n + CHUNK - 1) / CHUNK);
    IntStream range = IntStream.range(0, chunks);
    (chunks > 1 ? range.parallel() : range)
        .forEach(
            c -> {
              int from = c * CHUNK;
              int to = (int) Math.min(n, (long) from + CHUNK);
              SplittableRandom random = new SplittableRandom(mix(seed, index, c));
              FloatBuffer view = all.duplicate();
              view.position(from);
              for (int i = from; i < to; i++) {
                view.put(draw(w.init(), random));
              }
              progress.accept(to - from);
            });
    TensorProto.Builder t =
        TensorProto.newBuilder()
            .setName(w.name())
            .setDataType(TensorProto.DataType.FLOAT.getNumber());
    for (long d : w.shape()) {
      t.addDims(d);
    }
    ByteString raw = UnsafeByteOperations.unsafeWrap(bytes);
    return t.setRawData(raw).build();
  }

  private static float draw(WeightInit init, SplittableRandom random) {
    return switch (init) {
      case WeightInit.Normal n -> (float) (random.nextGaussian() * n.std());
      case WeightInit.Uniform u -> (float) random.nextDouble(u.low(), u.high());
      case WeightInit.Constant k -> (float) k.value();
    };
  }

  private static long mix(long seed, int weight, int chunk) {
    long z = seed ^ (0x9E3779B97F4A7C15L * (weight + 1L)) ^ (0xC2B2AE3D27D4EB4FL * (chunk + 1L));
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  private static StringStringEntryProto meta(String key, String value) {
    return StringStringEntryProto.newBuilder().setKey(key).setValue(value).build();
  }

  private static ValueInfoProto valueInfo(GraphPlan.Port port) {
    TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
    for (long d : port.shape()) {
      shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d));
    }
    return ValueInfoProto.newBuilder()
        .setName(port.name())
        .setType(
            TypeProto.newBuilder()
                .setTensorType(
                    TypeProto.Tensor.newBuilder()
                        .setElemType(TensorProto.DataType.FLOAT.getNumber())
                        .setShape(shape)))
        .build();
  }
}
