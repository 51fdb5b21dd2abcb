package io.dynasplit.bench;

import io.dynasplit.schemas.Codec;
import io.dynasplit.schemas.Frame;
import io.dynasplit.schemas.FrameCodec;
import io.dynasplit.schemas.Shape;
import io.dynasplit.schemas.TailRequestHeader;
import io.dynasplit.schemas.Tensor;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Encode and decode throughput of the tensor frame codec for a 1x32x112x112 float32 activation
 * (1,605,632 bytes; a MobileNetV2-sized early-layer tensor) with every codec: fp32, fp16 and int8,
 * alone and followed by lz4 or zstd. The activation is seeded and synthetic (half-normal, half of
 * it zeros), so its compression ratios are not a real model's: {@code dynasplit bench codecs}
 * measures those, on PP-OCR's activations.
 *
 * <p>{@code encode}: float32 tensor to a frame (conversion included). {@code decode}: frame to a
 * float32 tensor ONNX Runtime can take (validation, slicing, and conversion back for fp16/int8; for
 * uncompressed fp32 a view with no copy; compressed codecs decompress first). {@code roundTrip}:
 * both. Throughput in GB/s of float32 input is 1,605,632 bytes divided by the time per operation.
 * The {@code encode} rows' secondary counters {@code frameBytes} and {@code frames} are sums over
 * the measurement; their ratio is the size of one frame of each codec, header included.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FrameCodecBenchmark {

  /** The codec under test. */
  @Param({
    "fp32",
    "fp16",
    "int8",
    "fp32+lz4",
    "fp16+lz4",
    "int8+lz4",
    "fp32+zstd",
    "fp16+zstd",
    "int8+zstd"
  })
  public String codec;

  /**
   * Where outputs go: {@code new} direct buffers, {@code heap} frames, or {@code reused} scratch
   * buffers.
   */
  @Param({"new", "heap", "reused"})
  public String alloc;

  private IntFunction<ByteBuffer> frameOut;
  private IntFunction<ByteBuffer> floatOut;

  private Codec c;
  private Tensor activation;
  private TailRequestHeader header;
  private ByteBuffer frame;

  /** The bytes the encoder produced, reported next to the timings. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class Size {
    /** Frame bytes (header included) summed over the encodes. */
    public long frameBytes;

    /** Frames encoded. */
    public long frames;

    /** Resets the sums before each iteration. */
    @Setup(Level.Iteration)
    public void reset() {
      frameBytes = 0;
      frames = 0;
    }
  }

  /** Builds a seeded ReLU-like activation and one encoded frame of it. */
  @Setup(Level.Trial)
  public void setUp() {
    c = Codec.of(codec);
    int n = 32 * 112 * 112;
    float[] v = new float[n];
    SplittableRandom r = new SplittableRandom(42);
    for (int i = 0; i < n; i++) {
      v[i] = (float) Math.max(0, r.nextGaussian() * 2);
    }
    activation = Tensor.ofFloats("features.3", Shape.of(1, 32, 112, 112), v);
    header =
        new TailRequestHeader(
            "r-1",
            "mobilenetv2",
            3,
            250,
            1_790_000_000_250L,
            1_790_000_000_000L,
            1_790_000_000_080L,
            c,
            "edge-1");
    frame = FrameCodec.encode(header, List.of(activation), c);
    if (alloc.equals("reused")) {
      ByteBuffer frameScratch = ByteBuffer.allocateDirect(frame.remaining());
      ByteBuffer floatScratch = ByteBuffer.allocateDirect(n * 4);
      frameOut = size -> frameScratch.clear();
      floatOut = size -> floatScratch.clear();
    } else {
      frameOut = alloc.equals("heap") ? ByteBuffer::allocate : Tensor.DIRECT;
      floatOut = Tensor.DIRECT;
    }
  }

  /** Encodes the activation into a new frame. */
  @Benchmark
  public ByteBuffer encode(Size size) {
    ByteBuffer f = FrameCodec.encode(header, List.of(activation), c, frameOut);
    size.frameBytes += f.remaining();
    size.frames++;
    return f;
  }

  /** Decodes the frame to a direct float32 buffer. */
  @Benchmark
  public FloatBuffer decode() {
    Frame f = FrameCodec.decode(frame);
    return f.tensors().get(0).toFloat32(floatOut).asFloatBuffer();
  }

  /** Encodes, then decodes to float32. */
  @Benchmark
  public FloatBuffer roundTrip() {
    ByteBuffer e = FrameCodec.encode(header, List.of(activation), c, frameOut);
    return FrameCodec.decode(e).tensors().get(0).toFloat32(floatOut).asFloatBuffer();
  }
}
