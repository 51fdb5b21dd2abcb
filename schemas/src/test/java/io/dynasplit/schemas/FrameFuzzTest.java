package io.dynasplit.schemas;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Feeds mutated valid frames and random bytes to the decoder. Run another seed with {@code
 * -Ddynasplit.fuzz.seed=N}; a failure prints the seed, the iteration and the input.
 */
class FrameFuzzTest {

  private static final int ITERATIONS = 100_000;

  /**
   * Iterations before allocation is checked: the first pass through each error path links it
   * (string concatenation sites, exception classes), a one-time cost.
   */
  private static final int WARM_UP = 5_000;

  /**
   * What one decode may allocate: the parsed header (a tree, some tens of bytes per header byte),
   * Jackson's and the exception's fixed costs and the one-time linkage of a rarely taken error path
   * (measured at most about 80 KiB), but never anything in proportion to the tensor bytes (the
   * largest base frame carries 1 MiB of them) or to what the header claims.
   */
  private static long allocationBound(byte[] frame) {
    long h =
        frame.length >= 8
            ? ByteBuffer.wrap(frame).order(ByteOrder.LITTLE_ENDIAN).getInt(4) & 0xFFFFFFFFL
            : 0;
    long headerBytes =
        Math.min(frame.length, Math.min(h, FrameCodec.MAX_HEADER_BYTES) + FrameCodec.PREFIX_BYTES);
    return 192 * 1024 + 48L * headerBytes;
  }

  private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");
  private static final String[] NUMBERS = {
    "-1",
    "0",
    "1",
    "3",
    "7",
    "8",
    "255",
    "-128",
    "128",
    "65536",
    "2147483647",
    "2147483648",
    "4294967295",
    "4294967296",
    "9223372036854775807",
    "9223372036854775808",
    "-9223372036854775808",
    "1e308",
    "1.5",
    "-0",
    "99999999999999999999999999",
    "268435456",
    "268435457"
  };
  private static final String[] TOKENS = {
    "\"float32\"",
    "\"float16\"",
    "\"int8\"",
    "\"uint8\"",
    "\"int64\"",
    "\"float64\"",
    "null",
    "[]",
    "{}",
    "\"\"",
    "[1,2]",
    "true",
    "\"x\"",
    "[-1]",
    "[0]",
    "{\"scale\":0,\"zeroPoint\":0}"
  };

  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  /**
   * Verifies that 100,000 mutated and random frames only ever fail with FrameCodecException,
   * allocating nothing beyond a header-bounded amount.
   */
  @Test
  void decoderSurvivesMutatedAndRandomFrames() {
    long seed = Long.getLong("dynasplit.fuzz.seed", 0x5EEDF00DL);
    assertTrue(
        THREADS.isThreadAllocatedMemorySupported(),
        "this JVM cannot measure per-thread allocation");
    THREADS.setThreadAllocatedMemoryEnabled(true);
    SplittableRandom r = new SplittableRandom(seed);
    List<byte[]> bases = baseFrames(r);
    int accepted = 0;
    int refused = 0;
    for (int it = 0; it < ITERATIONS; it++) {
      byte[] input = mutate(r, bases.get(r.nextInt(bases.size())));
      ByteBuffer buffer = ByteBuffer.wrap(input);
      long before = THREADS.getCurrentThreadAllocatedBytes();
      Frame frame;
      try {
        frame = FrameCodec.decode(buffer);
      } catch (FrameCodecException e) {
        refused++;
        checkAllocation(seed, it, input, before);
        continue;
      } catch (Throwable t) {
        throw new AssertionError(failure(seed, it, input, "threw " + t), t);
      }
      checkAllocation(seed, it, input, before);
      accepted++;
      try {
        checkViews(frame, buffer);
      } catch (Throwable t) {
        throw new AssertionError(
            failure(seed, it, input, "decoded frame broke an invariant: " + t), t);
      }
    }
    assertTrue(
        accepted > 1000 && refused > 50_000,
        "seed "
            + seed
            + ": the mutations should both keep and break frames: "
            + accepted
            + " accepted, "
            + refused
            + " refused");
  }

  private static void checkAllocation(long seed, int it, byte[] input, long before) {
    if (it < WARM_UP) {
      return;
    }
    long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
    if (allocated > allocationBound(input)) {
      fail(
          failure(
              seed,
              it,
              input,
              "decoding "
                  + input.length
                  + " bytes allocated "
                  + allocated
                  + " bytes, more than "
                  + allocationBound(input)));
    }
  }

  /** Every tensor of a decoded frame is a view into the input, inside it, and converts cleanly. */
  private static void checkViews(Frame frame, ByteBuffer input) {
    long total = 0;
    for (Tensor t : frame.tensors()) {
      ByteBuffer d = t.data();
      if (d.capacity() > 0 && (!d.hasArray() || d.array() != input.array())) {
        throw new AssertionError("tensor " + t.name() + " is not a view of the input");
      }
      if (d.arrayOffset() < 0 || d.arrayOffset() + d.capacity() > input.capacity()) {
        throw new AssertionError("tensor " + t.name() + " lies outside the input");
      }
      total += d.capacity();
      if (t.dtype() != DType.UINT8 && t.dtype() != DType.INT64 && t.elements() <= 4096) {
        t.toFloat32();
      }
    }
    if (total > input.capacity()) {
      throw new AssertionError(
          "tensors hold " + total + " bytes of a " + input.capacity() + "-byte input");
    }
  }

  private static String failure(long seed, int it, byte[] input, String what) {
    byte[] head = Arrays.copyOf(input, Math.min(input.length, 512));
    return "fuzz seed "
        + seed
        + " (-Ddynasplit.fuzz.seed="
        + seed
        + "), iteration "
        + it
        + ": "
        + what
        + "\ninput ("
        + input.length
        + " bytes, first 512 as text): "
        + new String(head, StandardCharsets.ISO_8859_1).replaceAll("[^\\x20-\\x7e]", ".")
        + "\nhex: "
        + HexFormat.of().formatHex(head);
  }

  private static List<byte[]> baseFrames(SplittableRandom r) {
    List<byte[]> out = new ArrayList<>();
    Object[] metas = {
      Samples.tailHeader(), Samples.tailResult(), RequestHeader.of("r-9", "m", 100), null
    };
    for (int k = 0; k < 24; k++) {
      List<Tensor> tensors = new ArrayList<>();
      int count = k % 6 == 5 ? 0 : 1 + r.nextInt(4);
      for (int i = 0; i < count; i++) {
        tensors.add(randomTensor(r, "t" + i, 300));
      }
      if (k == 0) {
        float[] big = new float[256 * 1024]; // 1 MiB: copying it would break the allocation bound
        tensors.add(Tensor.ofFloats("big", Shape.of(1, 64, 64, 64), big));
      }
      Codec codec = Codec.values()[k % 3];
      out.add(toArray(FrameCodec.encode(metas[k % metas.length], tensors, codec)));
    }
    return out;
  }

  private static Tensor randomTensor(SplittableRandom r, String name, int maxElements) {
    DType dtype = DType.values()[r.nextInt(DType.values().length)];
    int rank = r.nextInt(5);
    long[] dims = new long[rank];
    long n = 1;
    for (int i = 0; i < rank; i++) {
      dims[i] = 1 + r.nextInt(Math.max(1, (int) Math.min(16, maxElements / n)));
      n *= dims[i];
    }
    byte[] bytes = new byte[(int) n * dtype.size()];
    r.nextBytes(bytes);
    if (dtype == DType.FLOAT32) {
      ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
      for (int i = 0; i < n; i++) {
        b.putFloat(i * 4, (float) (r.nextDouble() * 20 - 10));
      }
    }
    Quantization q = dtype == DType.INT8 && r.nextBoolean() ? new Quantization(0.5, 3) : null;
    return new Tensor(name, dtype, Shape.of(dims), q, ByteBuffer.wrap(bytes));
  }

  private static byte[] toArray(ByteBuffer b) {
    byte[] a = new byte[b.remaining()];
    b.duplicate().get(a);
    return a;
  }

  static byte[] mutate(SplittableRandom r, byte[] base) {
    int kind = r.nextInt(10);
    switch (kind) {
      case 0:
        { // random bytes
          byte[] a = new byte[r.nextInt(600)];
          r.nextBytes(a);
          return a;
        }
      case 1:
        { // magic and a random header length, then random bytes
          byte[] a = new byte[8 + r.nextInt(600)];
          r.nextBytes(a);
          System.arraycopy("DSF1".getBytes(StandardCharsets.US_ASCII), 0, a, 0, 4);
          if (r.nextBoolean()) {
            ByteBuffer.wrap(a).order(ByteOrder.LITTLE_ENDIAN).putInt(4, r.nextInt(a.length));
          }
          return a;
        }
      case 2:
        { // truncate
          return Arrays.copyOf(base, r.nextInt(base.length + 1));
        }
      case 3:
        { // a random header length
          byte[] a = base.clone();
          int[] special = {
            0,
            1,
            -1,
            Integer.MAX_VALUE,
            Integer.MIN_VALUE,
            FrameCodec.MAX_HEADER_BYTES,
            a.length - 8,
            a.length
          };
          int h = r.nextBoolean() ? special[r.nextInt(special.length)] : r.nextInt();
          ByteBuffer.wrap(a).order(ByteOrder.LITTLE_ENDIAN).putInt(4, h);
          return a;
        }
      case 4:
      case 5:
        { // flip bytes, mostly in the header
          byte[] a = base.clone();
          int h =
              Math.min(a.length, 8 + ByteBuffer.wrap(a).order(ByteOrder.LITTLE_ENDIAN).getInt(4));
          int flips = 1 + r.nextInt(6);
          for (int i = 0; i < flips; i++) {
            int at = r.nextInt(4) == 0 ? r.nextInt(a.length) : r.nextInt(Math.max(1, h));
            a[at] = (byte) (r.nextInt(4) == 0 ? r.nextInt(256) : a[at] ^ (1 << r.nextInt(8)));
          }
          return a;
        }
      case 6:
      case 7:
      case 8:
        { // replace numbers or tokens in the header JSON, keeping H consistent
          return rewriteHeader(r, base);
        }
      default:
        { // extend with garbage
          byte[] extra = new byte[r.nextInt(64)];
          r.nextBytes(extra);
          byte[] a = Arrays.copyOf(base, base.length + extra.length);
          System.arraycopy(extra, 0, a, base.length, extra.length);
          return a;
        }
    }
  }

  private static byte[] rewriteHeader(SplittableRandom r, byte[] base) {
    ByteBuffer b = ByteBuffer.wrap(base).order(ByteOrder.LITTLE_ENDIAN);
    int h = b.getInt(4);
    String json = new String(base, 8, h, StandardCharsets.UTF_8);
    int edits = 1 + r.nextInt(3);
    for (int e = 0; e < edits; e++) {
      if (r.nextInt(3) > 0) {
        Matcher m = NUMBER.matcher(json);
        List<int[]> spans = new ArrayList<>();
        while (m.find()) {
          spans.add(new int[] {m.start(), m.end()});
        }
        if (!spans.isEmpty()) {
          int[] s = spans.get(r.nextInt(spans.size()));
          String with =
              r.nextBoolean()
                  ? NUMBERS[r.nextInt(NUMBERS.length)]
                  : Long.toString(r.nextLong() >> r.nextInt(64));
          json = json.substring(0, s[0]) + with + json.substring(s[1]);
        }
      } else {
        int at = r.nextInt(json.length() + 1);
        int end = Math.min(json.length(), at + r.nextInt(12));
        json = json.substring(0, at) + TOKENS[r.nextInt(TOKENS.length)] + json.substring(end);
      }
    }
    byte[] nh = json.getBytes(StandardCharsets.UTF_8);
    int data = base.length - 8 - h;
    ByteBuffer out = ByteBuffer.allocate(8 + nh.length + data).order(ByteOrder.LITTLE_ENDIAN);
    out.put(base, 0, 4).putInt(nh.length).put(nh).put(base, 8 + h, data);
    return out.array();
  }
}
