package io.dynasplit.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The lossless stage of the frame codec: round trips, frames that lie about their lengths, zip
 * bombs and garbage blocks. (Round trips on the real models' activations are in the models module's
 * {@code RealActivationCodecTest}.)
 */
class CompressedFrameTest {

  private static final long SEED = 20261203L;

  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  /** A ReLU-like activation: about 60% zeros, the rest half-normal. */
  static float[] relu(int n, long seed) {
    float[] v = FrameCodecTest.gaussian(n, seed, 2.0);
    for (int i = 0; i < n; i++) {
      v[i] = Math.max(0, v[i] - 0.5f);
    }
    return v;
  }

  private static List<Tensor> activationAndMask() {
    return List.of(
        Tensor.ofFloats("act", Shape.of(1, 16, 32, 32), relu(16 * 32 * 32, SEED)),
        Tensor.ofLongs("mask", Shape.of(1, 512), new long[512]));
  }

  private static byte[] bytes(Tensor t) {
    byte[] a = new byte[t.byteLength()];
    t.data().get(a);
    return a;
  }

  private static JsonNode header(ByteBuffer frame) {
    byte[] h = new byte[frame.getInt(4)];
    frame.get(8, h);
    return Json.fromBytes(h, JsonNode.class);
  }

  /** Verifies that the JSON Schema's codec enum is Codec's list, in its order. */
  @Test
  void schemaListsEveryCodec() throws IOException {
    JsonNode common;
    try (InputStream in = Codec.class.getResourceAsStream("/schemas/common.json")) {
      common = Json.fromBytes(in.readAllBytes(), JsonNode.class);
    }
    List<String> listed = new ArrayList<>();
    common.at("/$defs/codec/enum").forEach(n -> listed.add(n.textValue()));
    assertEquals(Arrays.stream(Codec.values()).map(Codec::wireName).toList(), listed);
    assertEquals(String.join(", ", listed), Codec.names());
  }

  /** Verifies that each codec's name is its numeric part, then + and its compression if any. */
  @ParameterizedTest
  @EnumSource(Codec.class)
  void wireNamesComposeTheTwoStages(Codec codec) {
    String numeric = codec.uncompressed().wireName();
    assertEquals(
        codec.compression() == Compression.NONE
            ? numeric
            : numeric + "+" + codec.compression().wireName(),
        codec.wireName());
    assertEquals(codec, Codec.of(codec.wireName().toUpperCase(java.util.Locale.ROOT)));
    assertEquals(codec.dtype() != DType.FLOAT32, codec.lossy());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Codec.of("int8+gzip"));
    assertTrue(e.getMessage().contains(Codec.names()), e.getMessage());
  }

  /**
   * Verifies that a compressed codec decodes to exactly what its numeric codec alone decodes to, in
   * fewer bytes, with the compressed length and raw length in each descriptor, for a sparse
   * activation and an all-zero int64 mask, and that the header validates against its schema.
   */
  @ParameterizedTest
  @EnumSource(
      value = Codec.class,
      names = {"FP32", "FP16", "INT8"},
      mode = EnumSource.Mode.EXCLUDE)
  void compressedCodecsAreLosslessOverTheirNumericCodec(Codec codec) {
    List<Tensor> in = activationAndMask();
    ByteBuffer plain = FrameCodec.encode(Samples.tailHeader(), in, codec.uncompressed());
    ByteBuffer packed = FrameCodec.encode(Samples.tailHeader(), in, codec);

    Frame expected = FrameCodec.decode(plain);
    Frame back = FrameCodec.decode(packed);

    assertTrue(
        packed.remaining() < plain.remaining() * 0.8,
        codec + ": " + packed.remaining() + " bytes against " + plain.remaining());
    for (int i = 0; i < in.size(); i++) {
      Tensor e = expected.tensors().get(i);
      Tensor t = back.tensors().get(i);
      assertEquals(e.name(), t.name());
      assertEquals(e.dtype(), t.dtype());
      assertEquals(e.shape(), t.shape());
      assertEquals(e.quant(), t.quant());
      assertTrue(Arrays.equals(bytes(e), bytes(t)), codec + " changed " + t.name());
      JsonNode d = header(packed).get("tensors").get(i);
      assertEquals(codec.compression().wireName(), d.get("compression").textValue());
      assertEquals(e.byteLength(), d.get("rawLength").longValue());
      assertTrue(d.get("length").longValue() < e.byteLength());
    }
    byte[] h = new byte[packed.getInt(4)];
    packed.get(8, h);
    assertEquals(
        List.of(), SchemaValidator.shared().validate(MessageSchema.TAIL_REQUEST_HEADER, h));
  }

  /**
   * Verifies that tensors that would not shrink go as they are: a frame of random bytes is the same
   * frame, byte for byte, under int8 and int8+lz4 and int8+zstd.
   */
  @Test
  void incompressibleTensorsGoUncompressed() {
    byte[] noise = new byte[4096];
    new SplittableRandom(SEED).nextBytes(noise);
    List<Tensor> in =
        List.of(Tensor.of("noise", DType.UINT8, Shape.of(4096), ByteBuffer.wrap(noise)));
    ByteBuffer plain = FrameCodec.encode(null, in, Codec.INT8);
    for (Codec codec : List.of(Codec.INT8_LZ4, Codec.INT8_ZSTD)) {
      assertEquals(plain, FrameCodec.encode(null, in, codec), codec.wireName());
    }
  }

  /**
   * Verifies that the uncompressed codecs write the frame they always wrote: the header of an fp16
   * frame, byte for byte.
   */
  @Test
  void uncompressedCodecsKeepTheirWireFormat() {
    ByteBuffer frame =
        FrameCodec.encode(
            null, List.of(Tensor.ofFloats("x", Shape.of(1, 4), relu(4, SEED))), Codec.FP16);
    byte[] h = new byte[frame.getInt(4)];
    frame.get(8, h);
    assertEquals(
        "{\"tensors\":[{\"name\":\"x\",\"dtype\":\"float16\",\"shape\":[1,4],\"offset\":0,"
            + "\"length\":8}]}",
        new String(h, StandardCharsets.UTF_8).strip());
    assertEquals(8 + h.length + 8, frame.remaining());
  }

  /** Verifies that read-only and direct frames decode like heap ones (MQTT clients hand both). */
  @ParameterizedTest
  @EnumSource(
      value = Codec.class,
      names = {"FP32_LZ4", "INT8_ZSTD"})
  void readOnlyAndDirectFramesDecode(Codec codec) {
    ByteBuffer heap = FrameCodec.encode(null, activationAndMask(), codec, ByteBuffer::allocate);
    ByteBuffer direct = ByteBuffer.allocateDirect(heap.remaining()).put(heap.duplicate()).flip();
    Frame expected = FrameCodec.decode(heap);
    for (ByteBuffer b : List.of(heap.asReadOnlyBuffer(), direct, direct.asReadOnlyBuffer())) {
      Frame f = FrameCodec.decode(b);
      for (int i = 0; i < 2; i++) {
        assertTrue(
            Arrays.equals(bytes(expected.tensors().get(i)), bytes(f.tensors().get(i))),
            codec + " " + b);
      }
    }
  }

  /**
   * Verifies that the header alone reads without touching the tensors, and that a caller's lower
   * limit on decompressed bytes holds (the edge's for a sensor's request frame).
   */
  @Test
  void headerAloneAndALowerLimit() {
    ByteBuffer f = FrameCodec.encode(Samples.tailHeader(), activationAndMask(), Codec.INT8_ZSTD);
    assertEquals("r-17", FrameCodec.decodeHeader(f).get("id").textValue());
    assertFalse(FrameCodec.decodeHeader(f).has("tensors"));
    // act: 16,384 int8 bytes; mask: 4,096 int64 bytes
    FrameCodecException e =
        assertThrows(FrameCodecException.class, () -> FrameCodec.decode(f, 16_384));
    assertTrue(
        e.getMessage()
            .contains("tensors[1] would decompress the frame's tensors to more than 16384 bytes"),
        e.getMessage());
    assertEquals(2, FrameCodec.decode(f, 20_480).tensors().size());
  }

  // ---------------------------------------------------------------- frames that lie or bomb

  /** Rewrites a frame's header text (keeping the tensor bytes) and returns the new frame. */
  private static ByteBuffer rewrite(ByteBuffer frame, UnaryOperator<String> edit) {
    int h = frame.getInt(4);
    byte[] json = new byte[h];
    frame.get(8, json);
    byte[] nh =
        edit.apply(new String(json, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
    int data = frame.remaining() - 8 - h;
    ByteBuffer out = ByteBuffer.allocate(8 + nh.length + data).order(ByteOrder.LITTLE_ENDIAN);
    out.put("DSF1".getBytes(StandardCharsets.US_ASCII)).putInt(nh.length).put(nh);
    out.put(8 + nh.length, frame, 8 + h, data);
    return out.clear();
  }

  /** One int8 tensor of 4096 sparse values, compressed. */
  private static ByteBuffer oneTensor(Codec codec) {
    ByteBuffer f =
        FrameCodec.encode(
            null, List.of(Tensor.ofFloats("act", Shape.of(1, 4096), relu(4096, SEED))), codec);
    assertTrue(header(f).at("/tensors/0/compression").isTextual(), "the test needs compression");
    return f;
  }

  /** What decoding allocated on the heap of this thread and in direct buffers. */
  private record Allocated(long heap, long direct) {}

  private static long directCapacity() {
    long n = 0;
    for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
      if (pool.getName().equals("direct")) {
        n += pool.getTotalCapacity();
      }
    }
    return n;
  }

  /** Decodes a frame that must be refused, returning the message and what the attempt allocated. */
  private static Allocated refused(String expected, ByteBuffer frame) {
    FrameCodec.decode(oneTensor(Codec.INT8_LZ4)); // links the paths, loads the natives
    long heap = THREADS.getCurrentThreadAllocatedBytes();
    long direct = directCapacity();
    FrameCodecException e = assertThrows(FrameCodecException.class, () -> FrameCodec.decode(frame));
    Allocated a =
        new Allocated(THREADS.getCurrentThreadAllocatedBytes() - heap, directCapacity() - direct);
    assertTrue(e.getMessage().contains(expected), e.getMessage());
    return a;
  }

  /**
   * Verifies that a rawLength that disagrees with the shape is refused, and that one that agrees
   * with a shape the block does not fill (both enlarged) is refused by what the block holds.
   */
  @ParameterizedTest
  @EnumSource(
      value = Codec.class,
      names = {"INT8_LZ4", "INT8_ZSTD"})
  void lyingLengthsAreRefused(Codec codec) {
    ByteBuffer f = oneTensor(codec);
    refused(
        "tensors[0].rawLength is 4097 but shape [1, 4096] of int8 needs 4096 bytes",
        rewrite(f, h -> h.replace("\"rawLength\":4096", "\"rawLength\":4097")));
    refused(
        "tensors[0].rawLength is 4095",
        rewrite(f, h -> h.replace("\"rawLength\":4096", "\"rawLength\":4095")));
    ByteBuffer larger =
        rewrite(
            f,
            h ->
                h.replace("[1,4096]", "[2,4096]")
                    .replace("\"rawLength\":4096", "\"rawLength\":8192"));
    refused(
        codec == Codec.INT8_LZ4
            ? "tensors[0] decompresses to 4096 bytes but its rawLength is 8192"
            : "tensors[0] holds a zstd frame of 4096 bytes but its rawLength is 8192",
        larger);
    ByteBuffer smaller =
        rewrite(
            f,
            h ->
                h.replace("[1,4096]", "[1,2048]")
                    .replace("\"rawLength\":4096", "\"rawLength\":2048"));
    refused(
        codec == Codec.INT8_LZ4
            ? "tensors[0] is not a valid lz4 block of 2048 bytes"
            : "tensors[0] holds a zstd frame of 4096 bytes but its rawLength is 2048",
        smaller);
  }

  /**
   * Verifies that a zip bomb is refused before anything is allocated: a frame of a few KiB whose
   * two zstd blocks really hold 40 MiB of zeros each (80 MiB, over the limit), and one that claims
   * 1 GiB.
   */
  @Test
  void zipBombsAreRefusedBeforeAllocating() {
    int n = 40 << 20;
    ByteBuffer zeros = ByteBuffer.allocateDirect(n);
    ByteBuffer block = TensorCompression.compress(Compression.ZSTD, zeros);
    assertTrue(block.remaining() < 4096, "40 MiB of zeros compress to " + block.remaining());
    int len = block.remaining();
    String desc = "\"dtype\":\"int8\",\"shape\":[" + n + "],\"length\":" + len;
    String header =
        "{\"tensors\":[{\"name\":\"a\","
            + desc
            + ",\"offset\":0,\"compression\":\"zstd\",\"rawLength\":"
            + n
            + "},{\"name\":\"b\","
            + desc
            + ",\"offset\":"
            + len
            + ",\"compression\":\"zstd\",\"rawLength\":"
            + n
            + "}]}";
    ByteBuffer bomb = FrameCodecTest.frame(header, 2 * len);
    int data = bomb.capacity() - 2 * len;
    bomb.put(data, block, 0, len).put(data + len, block, 0, len);

    Allocated a =
        refused(
            "tensors[1] would decompress the frame's tensors to more than 67108864 bytes"
                + " (83886080)",
            bomb);
    assertTrue(a.direct() < 1 << 20 && a.heap() < 1 << 20, "allocated " + a);

    ByteBuffer claim =
        FrameCodecTest.frame(
            "{\"tensors\":[{\"name\":\"a\",\"dtype\":\"float32\",\"shape\":[268435456],"
                + "\"offset\":0,\"length\":16,\"compression\":\"lz4\",\"rawLength\":1073741824}]}",
            16);
    Allocated c = refused("more than 67108864 bytes (1073741824)", claim);
    assertTrue(c.direct() < 1 << 20 && c.heap() < 1 << 20, "allocated " + c);

    // one real 40 MiB tensor is within the limit and decodes
    ByteBuffer one =
        FrameCodecTest.frame(
            "{\"tensors\":[{\"name\":\"a\","
                + desc
                + ",\"offset\":0,\"compression\":\"zstd\",\"rawLength\":"
                + n
                + "}]}",
            len);
    one.put(one.capacity() - len, block, 0, len);
    assertEquals(n, FrameCodec.decode(one).tensors().get(0).byteLength());
  }

  /**
   * Verifies that a small rawLength over a block that expands to much more is refused without
   * allocating more than the rawLength: the decompressors stop at the end of the buffer.
   */
  @ParameterizedTest
  @EnumSource(
      value = Compression.class,
      names = {"LZ4", "ZSTD"})
  void aBlockLargerThanItsRawLengthStopsAtIt(Compression method) {
    ByteBuffer zeros = ByteBuffer.allocateDirect(8 << 20);
    ByteBuffer block = TensorCompression.compress(method, zeros);
    int len = block.remaining();
    ByteBuffer f =
        FrameCodecTest.frame(
            "{\"tensors\":[{\"name\":\"a\",\"dtype\":\"uint8\",\"shape\":[1024],\"offset\":0,"
                + "\"length\":"
                + len
                + ",\"compression\":\""
                + method
                + "\",\"rawLength\":1024}]}",
            len);
    f.put(f.capacity() - len, block, 0, len);
    if (method == Compression.ZSTD) {
      // the zstd frame states its content size: refused before the output is allocated
      Allocated a = refused("holds a zstd frame of 8388608 bytes but its rawLength is 1024", f);
      assertTrue(a.direct() < 1024 && a.heap() < 1 << 20, "allocated " + a);
      // with the content size left out (a frame needs not state it), decompression stops at 1024
      ByteBuffer unstated = withoutContentSize(block);
      ByteBuffer g =
          rewrite(f, h -> h.replace("\"length\":" + len, "\"length\":" + unstated.remaining()));
      ByteBuffer h2 = ByteBuffer.allocate(g.capacity() - len + unstated.remaining());
      h2.put(0, g, 0, g.capacity() - len)
          .put(g.capacity() - len, unstated, 0, unstated.remaining());
      Allocated b =
          refused("is not a valid zstd block of 1024 bytes", h2.order(ByteOrder.LITTLE_ENDIAN));
      assertTrue(b.direct() < 1 << 20 && b.heap() < 1 << 20, "allocated " + b);
    } else {
      Allocated a = refused("is not a valid lz4 block of 1024 bytes", f);
      assertTrue(a.direct() < 1 << 20 && a.heap() < 1 << 20, "allocated " + a);
    }
  }

  /** The same zstd data as a frame that does not state its content size. */
  private static ByteBuffer withoutContentSize(ByteBuffer block) {
    byte[] src = new byte[block.remaining()];
    block.duplicate().get(src);
    byte[] raw = com.github.luben.zstd.Zstd.decompress(src, 8 << 20);
    try (com.github.luben.zstd.ZstdCompressCtx ctx = new com.github.luben.zstd.ZstdCompressCtx()) {
      ctx.setContentSize(false);
      ctx.setLevel(1);
      byte[] out = ctx.compress(raw);
      assertEquals(-1, com.github.luben.zstd.Zstd.getFrameContentSize(out));
      return ByteBuffer.wrap(out);
    }
  }

  /**
   * Verifies that garbage, truncated and unknown compressed tensors are refused with the reason.
   */
  @ParameterizedTest
  @EnumSource(
      value = Codec.class,
      names = {"INT8_LZ4", "INT8_ZSTD"})
  void garbageAndTruncatedBlocksAreRefused(Codec codec) {
    ByteBuffer f = oneTensor(codec);
    JsonNode d = header(f).at("/tensors/0");
    int at = 8 + f.getInt(4) + (int) d.get("offset").longValue();
    int len = (int) d.get("length").longValue();
    String method = codec.compression().wireName();

    ByteBuffer garbage = ByteBuffer.allocate(f.remaining()).put(f.duplicate()).clear();
    byte[] noise = new byte[len];
    new SplittableRandom(SEED).nextBytes(noise);
    garbage.put(at, noise);
    refused("tensors[0] is not a valid " + method + " block of 4096 bytes", garbage);

    ByteBuffer truncated =
        rewrite(f, h -> h.replace("\"length\":" + len, "\"length\":" + (len - 3)));
    refused("tensors[0] is not a valid " + method + " block of 4096 bytes", truncated);

    // one bit of every 97th byte flipped, the checksum's last bytes left alone
    ByteBuffer flipped = ByteBuffer.allocate(f.remaining()).put(f.duplicate()).clear();
    for (int i = 20; i < len - 4; i += 97) {
      flipped.put(at + i, (byte) (flipped.get(at + i) ^ 0x10));
    }
    assertThrows(FrameCodecException.class, () -> FrameCodec.decode(flipped));
    // one bit of the checksum alone
    ByteBuffer badSum = ByteBuffer.allocate(f.remaining()).put(f.duplicate()).clear();
    badSum.put(at + len - 1, (byte) (badSum.get(at + len - 1) ^ 1));
    refused(codec == Codec.INT8_LZ4 ? "fails its lz4 checksum" : "not a valid zstd block", badSum);

    refused(
        "tensors[0].compression must be lz4 or zstd: \"gzip\"",
        rewrite(f, h -> h.replace("\"" + method + "\"", "\"gzip\"")));
    refused(
        "tensors[0].compression must be lz4 or zstd: \"none\"",
        rewrite(f, h -> h.replace("\"" + method + "\"", "\"none\"")));
    refused(
        "tensors[0].rawLength must be an integer",
        rewrite(f, h -> h.replace(",\"rawLength\":4096", "")));
    refused(
        "tensors[0].rawLength is only allowed with a compression",
        rewrite(f, h -> h.replace("\"compression\":\"" + method + "\",", "")));
  }

  /**
   * Verifies that 20,000 mutated compressed frames only ever fail with FrameCodecException and that
   * what they decode to has the bytes its header says.
   */
  @Test
  void decoderSurvivesMutatedCompressedFrames() {
    SplittableRandom r = new SplittableRandom(SEED);
    List<byte[]> bases = new ArrayList<>();
    for (Codec codec : Codec.values()) {
      if (codec.compression() != Compression.NONE) {
        ByteBuffer f = FrameCodec.encode(Samples.tailHeader(), activationAndMask(), codec);
        byte[] a = new byte[f.remaining()];
        f.get(a);
        bases.add(a);
      }
    }
    int accepted = 0;
    int refused = 0;
    for (int it = 0; it < 20_000; it++) {
      byte[] input = FrameFuzzTest.mutate(r, bases.get(r.nextInt(bases.size())));
      try {
        Frame f = FrameCodec.decode(ByteBuffer.wrap(input));
        for (Tensor t : f.tensors()) {
          assertEquals(t.elements() * t.dtype().size(), t.byteLength());
        }
        accepted++;
      } catch (FrameCodecException e) {
        refused++;
      } catch (Throwable t) {
        throw new AssertionError("iteration " + it + " threw " + t, t);
      }
    }
    assertTrue(accepted > 100 && refused > 10_000, accepted + " accepted, " + refused + " refused");
    assertFalse(bases.isEmpty());
  }
}
