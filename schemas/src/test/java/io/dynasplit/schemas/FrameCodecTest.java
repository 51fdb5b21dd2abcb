package io.dynasplit.schemas;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FrameCodecTest {

  private static final long SEED = 20261123L;

  static float[] gaussian(int n, long seed, double sigma) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      // Box-Muller from two uniforms
      double u = 1 - r.nextDouble();
      v[i] = (float) (sigma * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.nextDouble()));
    }
    return v;
  }

  /** Verifies that float32 tensors survive every codec with the metadata, and fp32 exactly. */
  @ParameterizedTest
  @EnumSource(Codec.class)
  void float32RoundTripsThroughEveryCodec(Codec codec) {
    float[] v = gaussian(2 * 3 * 5 * 7, SEED, 2.0);
    Tensor t = Tensor.ofFloats("activation", Shape.of(2, 3, 5, 7), v);

    Frame back = FrameCodec.decode(FrameCodec.encode(Samples.tailHeader(), List.of(t), codec));

    assertEquals(Samples.tailHeader(), back.metadata(TailRequestHeader.class));
    Tensor d = back.tensors().get(0);
    assertEquals("activation", d.name());
    assertEquals(Shape.of(2, 3, 5, 7), d.shape());
    assertEquals(codec.dtype(), d.dtype());
    assertEquals(FrameCodec.encodedBytes(t, codec), d.byteLength());
    float[] w = d.toFloatArray();
    if (!codec.lossy()) {
      assertArrayEquals(v, w);
    } else {
      for (int i = 0; i < v.length; i++) {
        assertEquals(
            v[i],
            w[i],
            codec.dtype() == DType.FLOAT16 ? Math.abs(v[i]) * 0x1p-10 + 1e-4 : 0.05,
            "element " + i);
      }
    }
  }

  /**
   * Verifies that uint8, int64, float16 and quantized int8 tensors pass through every codec byte
   * for byte.
   */
  @ParameterizedTest
  @EnumSource(Codec.class)
  void otherDtypesPassThroughUnchanged(Codec codec) {
    SplittableRandom r = new SplittableRandom(SEED);
    byte[] u8 = new byte[24];
    byte[] f16 = new byte[40];
    byte[] i8 = new byte[7];
    r.nextBytes(u8);
    r.nextBytes(f16);
    r.nextBytes(i8);
    long[] longs = {0, -1, Long.MAX_VALUE, Long.MIN_VALUE, 42};
    List<Tensor> in =
        List.of(
            Tensor.of("pixels", DType.UINT8, Shape.of(1, 2, 3, 4), ByteBuffer.wrap(u8)),
            Tensor.ofLongs("ids", Shape.of(5), longs),
            Tensor.of("half", DType.FLOAT16, Shape.of(20), ByteBuffer.wrap(f16)),
            new Tensor(
                "codes", DType.INT8, Shape.of(7), new Quantization(0.25, -3), ByteBuffer.wrap(i8)),
            Tensor.of("scalar", DType.UINT8, Shape.of(), ByteBuffer.wrap(new byte[] {9})),
            Tensor.of("empty", DType.INT64, Shape.of(0, 3), ByteBuffer.allocate(0)));

    Frame back = FrameCodec.decode(FrameCodec.encode(null, in, codec));

    assertEquals(in, back.tensors());
    long[] readBack = new long[5];
    back.tensor("ids").orElseThrow().asLongBuffer().get(readBack);
    assertArrayEquals(longs, readBack);
    assertEquals((i8[2] + 3) * 0.25f, back.tensor("codes").orElseThrow().toFloatArray()[2]);
  }

  /** Verifies that int8's error is at most half a step and that zero stays exactly zero. */
  @Test
  void int8ErrorIsAtMostHalfAStep() {
    SplittableRandom r = new SplittableRandom(SEED);
    for (int trial = 0; trial < 200; trial++) {
      int n = 1 + r.nextInt(3000);
      float[] v = gaussian(n, r.nextLong(), Math.pow(10, r.nextInt(-3, 4)));
      if (trial % 3 == 0) {
        for (int i = 0; i < n; i++) {
          v[i] = Math.max(0, v[i]); // ReLU-like: a one-sided range
        }
      }
      if (trial % 7 == 0) {
        for (int i = 0; i < n; i++) {
          v[i] += 1000; // an offset range far from 0
        }
      }
      v[r.nextInt(n)] = 0f;
      Tensor d =
          FrameCodec.decode(
                  FrameCodec.encode(
                      null, List.of(Tensor.ofFloats("x", Shape.of(n), v)), Codec.INT8))
              .tensors()
              .get(0);
      double scale = d.quant().scale();
      float[] w = d.toFloatArray();
      for (int i = 0; i < n; i++) {
        double eps = Math.ulp(Math.abs(v[i])) * 4 + Math.ulp((float) scale * 128) * 4;
        assertTrue(
            Math.abs(v[i] - w[i]) <= scale / 2 + eps,
            "seed "
                + SEED
                + " trial "
                + trial
                + " element "
                + i
                + ": "
                + v[i]
                + " -> "
                + w[i]
                + " scale "
                + scale);
        if (v[i] == 0f) {
          assertEquals(0f, w[i], "zero must stay exact");
        }
      }
    }
  }

  /**
   * Verifies that fp16's relative error is at most 2^-11 over the normal half range, and values
   * beyond it saturate.
   */
  @Test
  void fp16RelativeErrorIsBounded() {
    SplittableRandom r = new SplittableRandom(SEED);
    int n = 100_000;
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      double magnitude = Math.pow(2, -14 + r.nextDouble() * 29.9); // [2^-14, ~61000]
      v[i] = (float) (r.nextBoolean() ? magnitude : -magnitude);
    }
    float[] w =
        FrameCodec.decode(
                FrameCodec.encode(null, List.of(Tensor.ofFloats("x", Shape.of(n), v)), Codec.FP16))
            .tensors()
            .get(0)
            .toFloatArray();
    for (int i = 0; i < n; i++) {
      assertTrue(
          Math.abs(v[i] - w[i]) <= Math.abs(v[i]) * 0x1p-11,
          "seed " + SEED + " element " + i + ": " + v[i] + " -> " + w[i]);
    }
    float[] big =
        FrameCodec.decode(
                FrameCodec.encode(
                    null,
                    List.of(Tensor.ofFloats("x", Shape.of(2), new float[] {1e6f, -70000f})),
                    Codec.FP16))
            .tensors()
            .get(0)
            .toFloatArray();
    assertArrayEquals(new float[] {65504f, -65504f}, big);
  }

  /**
   * Verifies that decoded tensors are slices of the frame, aligned, and float32 ones need no copy
   * for ONNX Runtime.
   */
  @Test
  void decodedTensorsShareTheFramesBytes() {
    Tensor a = Tensor.ofFloats("a", Shape.of(3), new float[] {1, 2, 3});
    Tensor b =
        Tensor.of("b", DType.UINT8, Shape.of(5), ByteBuffer.wrap(new byte[] {1, 2, 3, 4, 5}));
    Tensor c = Tensor.ofFloats("c", Shape.of(2), new float[] {4, 5});
    ByteBuffer frame = FrameCodec.encode(RequestHeader.of("r-1", "m", 100), List.of(a, b, c));
    assertTrue(frame.isDirect());

    Frame back = FrameCodec.decode(frame);
    Tensor da = back.tensor("a").orElseThrow();
    assertSame(da, da.toFloat32());
    assertTrue(da.asFloatBuffer().isDirect());

    int h = frame.getInt(4);
    assertEquals(0, (FrameCodec.PREFIX_BYTES + h) % FrameCodec.ALIGNMENT);
    frame.putFloat(
        FrameCodec.PREFIX_BYTES + h + 24, 42f); // a at 0 (12 bytes), b at 16 (5 bytes), c at 24
    assertEquals(42f, back.tensor("c").orElseThrow().asFloatBuffer().get(0));
    assertEquals(0, frame.position());
    assertEquals(RequestHeader.of("r-1", "m", 100), back.metadata(RequestHeader.class));
  }

  /**
   * Verifies that a frame inside a larger buffer (from its position) decodes, and heap buffers work
   * too.
   */
  @Test
  void decodesFromTheBuffersPosition() {
    ByteBuffer frame =
        FrameCodec.encode(null, List.of(Tensor.ofFloats("x", Shape.of(2), new float[] {7, 8})));
    ByteBuffer heap = ByteBuffer.allocate(frame.remaining() + 11);
    heap.position(11);
    heap.put(frame.duplicate());
    heap.position(11);

    Frame back = FrameCodec.decode(heap);

    assertArrayEquals(new float[] {7, 8}, back.tensors().get(0).toFloatArray());
    assertTrue(back.tensors().get(0).toFloat32().data().isDirect());
    assertEquals(11, heap.position());
    assertTrue(FrameCodec.isFrame(heap));
    assertFalse(FrameCodec.isFrame(ByteBuffer.wrap("{\"id\":1}".getBytes(StandardCharsets.UTF_8))));
  }

  /**
   * Verifies that frames can be written into a heap buffer or a dirty reused one, and conversions
   * into scratch space.
   */
  @Test
  void allocatorsChooseWhereBytesGo() {
    Tensor t = Tensor.ofFloats("x", Shape.of(3), new float[] {1.5f, -2f, 0f});
    Tensor u = Tensor.of("u", DType.UINT8, Shape.of(3), ByteBuffer.wrap(new byte[] {1, 2, 3}));
    ByteBuffer heap = FrameCodec.encode(null, List.of(t), Codec.FP16, ByteBuffer::allocate);
    assertFalse(heap.isDirect());
    ByteBuffer scratch = ByteBuffer.allocateDirect(4096);
    for (int i = 0; i < scratch.capacity(); i++) {
      scratch.put(i, (byte) 0x5A);
    }
    scratch.position(100);
    ByteBuffer reused = FrameCodec.encode(null, List.of(u, t), Codec.FP16, n -> scratch);
    // u takes 3 bytes plus 5 of padding, t 6 bytes of fp16 plus 2
    assertEquals(FrameCodec.PREFIX_BYTES + reused.getInt(4) + 16, reused.remaining());

    Frame back = FrameCodec.decode(reused);
    float[] into =
        back.tensors().get(1).toFloat32(n -> scratch.clear().position(2048)).toFloatArray();
    assertArrayEquals(new float[] {1.5f, -2f, 0f}, into);
    byte[] gap = new byte[5];
    reused.get(FrameCodec.PREFIX_BYTES + reused.getInt(4) + 3, gap);
    assertArrayEquals(new byte[5], gap);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> FrameCodec.encode(null, List.of(t), Codec.FP32, n -> ByteBuffer.allocate(n - 1)));
    assertTrue(
        e.getMessage().contains("allocator must return a buffer with at least"), e.getMessage());
  }

  /** Verifies that a tail error result travels as a frame with no tensors. */
  @Test
  void tailFailureTravelsWithoutTensors() {
    Frame back = FrameCodec.decode(FrameCodec.encode(Samples.tailFailure(), List.of()));
    assertEquals(Samples.tailFailure(), back.metadata(TailResult.class));
    assertTrue(back.tensors().isEmpty());
  }

  /** Verifies that int8 refuses NaN and infinity when encoding, naming the tensor. */
  @Test
  void int8RefusesNonFiniteValues() {
    Tensor t = Tensor.ofFloats("act", Shape.of(3), new float[] {1, Float.NaN, 2});
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> FrameCodec.encode(null, List.of(t), Codec.INT8));
    assertTrue(e.getMessage().contains("tensor act has NaN at element 1"), e.getMessage());
  }

  // ------------------------------------------------------------------------------- bad frames

  static ByteBuffer frame(String header, int dataBytes) {
    byte[] h = header.getBytes(StandardCharsets.UTF_8);
    ByteBuffer b = ByteBuffer.allocate(8 + h.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
    b.put("DSF1".getBytes(StandardCharsets.US_ASCII)).putInt(h.length).put(h);
    return b.clear();
  }

  static String tensor(String name, String dtype, String shape, long offset, long length) {
    return "{\"name\":\""
        + name
        + "\",\"dtype\":\""
        + dtype
        + "\",\"shape\":"
        + shape
        + ",\"offset\":"
        + offset
        + ",\"length\":"
        + length
        + "}";
  }

  private static void refused(String expected, ByteBuffer frame) {
    FrameCodecException e = assertThrows(FrameCodecException.class, () -> FrameCodec.decode(frame));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }

  /** Verifies that each kind of lie in a frame is refused with a message that names it. */
  @Test
  void badFramesAreRefusedWithTheReason() {
    refused("shorter than its 8-byte prefix", ByteBuffer.wrap(new byte[5]));
    refused(
        "does not start with \"DSF1\"",
        ByteBuffer.wrap("DSF2\0\0\0\0".getBytes(StandardCharsets.US_ASCII)));
    ByteBuffer huge = frame("{}", 0);
    huge.putInt(4, -1);
    refused("header length 4294967295 exceeds the limit of 65536", huge);
    ByteBuffer lying = frame("{}", 0);
    lying.putInt(4, 100);
    refused("header length 100 exceeds the 2 bytes after the prefix", lying);
    refused("not valid JSON", frame("{\"tensors\":[", 0));
    refused("not valid JSON", frame("{\"tensors\":[]} x", 0));
    refused("must be a JSON object", frame("[1]", 0));
    refused("must have a \"tensors\" array", frame("{\"id\":\"r\"}", 0));
    refused(
        "tensors[0].dtype must be one of",
        frame("{\"tensors\":[" + tensor("x", "float64", "[1]", 0, 8) + "]}", 8));
    refused(
        "tensors[0].shape[1] must be >= 0: -2",
        frame("{\"tensors\":[" + tensor("x", "uint8", "[1,-2]", 0, 2) + "]}", 8));
    refused(
        "tensors[0].shape[0] must be an integer: 1.5",
        frame("{\"tensors\":[" + tensor("x", "uint8", "[1.5]", 0, 2) + "]}", 8));
    refused(
        "tensors[0].shape rank must be <= 8: 9",
        frame("{\"tensors\":[" + tensor("x", "uint8", "[1,1,1,1,1,1,1,1,1]", 0, 1) + "]}", 8));
    refused(
        "more than 2^63 elements",
        frame("{\"tensors\":[" + tensor("x", "uint8", "[4294967296,4294967296]", 0, 0) + "]}", 8));
    refused(
        "has 4294967296 elements, more than 268435456",
        frame("{\"tensors\":[" + tensor("x", "float32", "[65536,65536]", 0, 0) + "]}", 8));
    refused(
        "tensors[0].length is 9 but shape [2] of float32 needs 8 bytes",
        frame("{\"tensors\":[" + tensor("x", "float32", "[2]", 0, 9) + "]}", 16));
    refused(
        "tensors[0] spans bytes 4..12 but the frame has 8 bytes after the header",
        frame("{\"tensors\":[" + tensor("x", "float32", "[2]", 4, 8) + "]}", 8));
    refused(
        "tensors[0] spans bytes 9223372036854775807..",
        frame("{\"tensors\":[" + tensor("x", "uint8", "[1]", Long.MAX_VALUE, 1) + "]}", 8));
    refused(
        "tensors[0].offset must be >= 0: -8",
        frame("{\"tensors\":[" + tensor("x", "uint8", "[1]", -8, 1) + "]}", 8));
    refused(
        "tensors[0].offset must be an integer",
        frame(
            "{\"tensors\":["
                + tensor("x", "uint8", "[1]", 0, 1).replace("\"offset\":0", "\"offset\":1e3")
                + "]}",
            8));
    refused(
        "tensors[1] (bytes 4..12) overlaps tensors[0] (bytes 0..8)",
        frame(
            "{\"tensors\":["
                + tensor("a", "float32", "[2]", 0, 8)
                + ","
                + tensor("b", "float32", "[2]", 4, 8)
                + "]}",
            16));
    refused(
        "tensors[1].name repeats",
        frame(
            "{\"tensors\":["
                + tensor("a", "uint8", "[1]", 0, 1)
                + ","
                + tensor("a", "uint8", "[1]", 1, 1)
                + "]}",
            8));
    refused(
        "tensors[0].quant is only allowed for int8",
        frame(
            "{\"tensors\":["
                + tensor("a", "uint8", "[1]", 0, 1)
                    .replace("}", ",\"quant\":{\"scale\":1,\"zeroPoint\":0}}")
                + "]}",
            8));
    refused(
        "tensors[0].quant.zeroPoint must be in [-128, 127]: 300",
        frame(
            "{\"tensors\":["
                + tensor("a", "int8", "[1]", 0, 1)
                    .replace("}", ",\"quant\":{\"scale\":1,\"zeroPoint\":300}}")
                + "]}",
            8));
    refused(
        "tensors[0].quant.scale must be a finite number > 0",
        frame(
            "{\"tensors\":["
                + tensor("a", "int8", "[1]", 0, 1)
                    .replace("}", ",\"quant\":{\"scale\":1e300,\"zeroPoint\":0}}")
                + "]}",
            8));
    StringBuilder many = new StringBuilder("{\"tensors\":[");
    for (int i = 0; i < 65; i++) {
      many.append(i == 0 ? "" : ",").append(tensor("t" + i, "uint8", "[0]", 0, 0));
    }
    refused("frame holds 65 tensors, more than 64", frame(many.append("]}").toString(), 0));
  }

  /** Verifies that metadata that does not fit its record is a codec error naming the field. */
  @Test
  void metadataOfTheWrongShapeIsACodecError() {
    Frame f =
        FrameCodec.decode(frame("{\"id\":\"r\",\"model\":\"m\",\"slaMs\":-4,\"tensors\":[]}", 0));
    FrameCodecException e =
        assertThrows(FrameCodecException.class, () -> f.metadata(RequestHeader.class));
    assertTrue(e.getMessage().contains("slaMs must be in 1..86400000: -4"), e.getMessage());
    ObjectNode header = f.header();
    assertFalse(header.has("tensors"));
  }
}
