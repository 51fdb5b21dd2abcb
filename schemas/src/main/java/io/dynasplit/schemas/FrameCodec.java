package io.dynasplit.schemas;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * The binary tensor frame of ARCHITECTURE 4.3: {@code "DSF1"}, the header length H as a
 * little-endian uint32, H bytes of UTF-8 JSON header, then the tensor bytes.
 *
 * <p>The header is a JSON object: the message metadata (a {@link TailRequestHeader}, {@link
 * TailResult} or {@link RequestHeader}) plus {@code "tensors"}, a list of {@code {"name", "dtype",
 * "shape", "quant"?, "offset", "length", "compression"?, "rawLength"?}}. {@code offset} counts from
 * the first byte after the header. The encoder pads the header with spaces and each tensor with
 * zeros so that every tensor starts 8-byte aligned relative to the frame's start.
 *
 * <p>Encoding writes each tensor straight into one direct buffer, converting float32 tensors to the
 * chosen {@link Codec} on the way (float16; or int8 with a per-tensor scale and zero point from the
 * tensor's range, widened to include 0). Other dtypes pass through unchanged. A codec with a {@link
 * Compression} then compresses each tensor's bytes (of any dtype) into a scratch buffer first; a
 * compressed tensor's descriptor says {@code "compression": "lz4"|"zstd"}, its {@code length} is
 * the compressed byte count and {@code rawLength} the bytes it decompresses to. A tensor that would
 * not shrink, or that would take the frame past {@link WireLimits#MAX_DECOMPRESSED_BYTES}, goes
 * uncompressed, without those two fields: an uncompressed codec's frames are what they always were.
 *
 * <p>Decoding trusts nothing: it checks the magic, the header length against the frame and {@link
 * #MAX_HEADER_BYTES}, the JSON, the tensor count against {@link #MAX_TENSORS}, every dtype, rank,
 * dimension and element count (with overflow checks), that every length equals elements times dtype
 * size, and that every tensor lies inside the frame without overlapping another. Any failure is a
 * {@link FrameCodecException}. Decoded tensors are slices of the frame: decoding allocates nothing
 * in proportion to what the header claims, only the parsed header (bounded by H). A compressed
 * tensor is the exception: its {@code rawLength} must equal elements times dtype size, and all of a
 * frame's together must stay within {@link WireLimits#MAX_DECOMPRESSED_BYTES}, both checked for
 * every tensor before the first is decompressed into a new buffer of exactly that length; a block
 * that is malformed, truncated or decompresses to any other length is a {@link FrameCodecException}
 * (so a lying length or a zip bomb is an error, not an allocation).
 *
 * {@snippet :
 * ByteBuffer frame = FrameCodec.encode(header, List.of(activation), Codec.FP16);
 * Frame back = FrameCodec.decode(frame);
 * TailRequestHeader meta = back.metadata(TailRequestHeader.class);
 * FloatBuffer input = back.tensors().get(0).toFloat32().asFloatBuffer();
 * }
 *
 * @implNote stateless and thread-safe; encoding and decoding cost time linear in the tensor bytes
 *     (uncompressed float32 decoding costs only the header) and never block.
 */
public final class FrameCodec {

  /** The first four bytes of every frame. */
  public static final String MAGIC = "DSF1";

  /** The media type of a frame (the MQTT 5 content type of every published frame). */
  public static final String MEDIA_TYPE = "application/vnd.dynasplit.dsf1";

  /** Magic plus header length. */
  public static final int PREFIX_BYTES = 8;

  /** The largest header accepted. */
  public static final int MAX_HEADER_BYTES = 64 * 1024;

  /** The most tensors in one frame. */
  public static final int MAX_TENSORS = 64;

  /** Alignment of each tensor's first byte relative to the frame's start. */
  public static final int ALIGNMENT = 8;

  private static final byte[] MAGIC_BYTES = MAGIC.getBytes(StandardCharsets.US_ASCII);
  private static final String TENSORS = "tensors";

  /**
   * Reads headers as trees only. Field names are not canonicalized: interning the names of
   * untrusted headers would grow a shared symbol table, so each decode would copy a table sized by
   * earlier traffic rather than by its own header.
   */
  private static final ObjectReader READER =
      JsonMapper.builder(
              JsonFactory.builder()
                  .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES)
                  .streamReadConstraints(Json.READ_CONSTRAINTS)
                  .build())
          .build()
          .reader()
          .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private FrameCodec() {}

  /** Whether a payload starts with the frame magic (so it is a frame, not a JSON envelope). */
  public static boolean isFrame(ByteBuffer payload) {
    if (payload.remaining() < MAGIC_BYTES.length) {
      return false;
    }
    int p = payload.position();
    for (int i = 0; i < MAGIC_BYTES.length; i++) {
      if (payload.get(p + i) != MAGIC_BYTES[i]) {
        return false;
      }
    }
    return true;
  }

  /**
   * The bytes a tensor takes in a frame when encoded with a codec before any compression: its
   * {@code length} for an uncompressed codec, the most it can be for a compressed one.
   */
  public static long encodedBytes(Tensor t, Codec codec) {
    return t.elements() * wireDtype(t.dtype(), codec).size();
  }

  /**
   * Encodes metadata and tensors as they are, without converting any dtype, into a new direct
   * buffer.
   */
  public static ByteBuffer encode(Object metadata, List<Tensor> tensors) {
    return encode(metadata, tensors, Codec.FP32);
  }

  /**
   * Encodes metadata and tensors into a new direct little-endian buffer (position 0, limit the
   * frame's length), converting float32 tensors with the codec.
   *
   * @throws IllegalArgumentException as {@link #encode(Object, List, Codec, IntFunction)}
   */
  public static ByteBuffer encode(Object metadata, List<Tensor> tensors, Codec codec) {
    return encode(metadata, tensors, codec, Tensor.DIRECT);
  }

  /**
   * Encodes metadata and tensors into a buffer from an allocator, converting float32 tensors with
   * the codec. The allocator is called once with the frame's size and must return a writable buffer
   * with at least that many bytes remaining (a heap buffer for an MQTT client that copies the
   * payload anyway, or a slice of a reused one); the frame is written from its position and
   * returned as a little-endian slice of exactly the frame.
   *
   * @param metadata a record whose JSON is an object without a {@code tensors} field, or null
   * @param tensors at most {@link #MAX_TENSORS} tensors with distinct names
   * @param codec the encoding of float32 tensors
   * @param allocator gives the buffer the frame is written into, for example {@code
   *     ByteBuffer::allocate} for a frame to publish
   * @throws IllegalArgumentException when the metadata is not a JSON object, the header grows
   *     beyond {@link #MAX_HEADER_BYTES}, the frame beyond 2 GiB, names repeat, or int8 meets a
   *     non-finite value
   */
  public static ByteBuffer encode(
      Object metadata, List<Tensor> tensors, Codec codec, IntFunction<ByteBuffer> allocator) {
    Objects.requireNonNull(tensors, "tensors");
    Objects.requireNonNull(allocator, "allocator");
    Objects.requireNonNull(codec, "codec");
    if (tensors.size() > MAX_TENSORS) {
      throw new IllegalArgumentException(
          "a frame holds at most " + MAX_TENSORS + " tensors: " + tensors.size());
    }
    ObjectNode header = metadataNode(metadata);
    ArrayNode list = header.putArray(TENSORS);
    Set<String> names = new HashSet<>();
    DType[] wire = new DType[tensors.size()];
    Quantization[] quant = new Quantization[tensors.size()];
    ByteBuffer[] packed = new ByteBuffer[tensors.size()]; // compressed bytes, or null
    long[] offsets = new long[tensors.size()];
    long cursor = 0;
    long decompressed = 0;
    for (int i = 0; i < tensors.size(); i++) {
      Tensor t = tensors.get(i);
      if (!names.add(t.name())) {
        throw new IllegalArgumentException("tensor names must be distinct: " + t.name());
      }
      wire[i] = wireDtype(t.dtype(), codec);
      quant[i] =
          t.dtype() == DType.FLOAT32 && wire[i] == DType.INT8
              ? TensorConversions.quantizationOf(t.data(), (int) t.elements(), t.name())
              : t.quant();
      long rawLength = t.elements() * wire[i].size();
      if (codec.compression() != Compression.NONE
          && rawLength <= WireLimits.MAX_DECOMPRESSED_BYTES - decompressed) {
        ByteBuffer raw = ByteBuffer.allocateDirect((int) rawLength).order(ByteOrder.LITTLE_ENDIAN);
        convert(t, wire[i], quant[i], raw, 0);
        packed[i] = TensorCompression.compress(codec.compression(), raw);
        if (packed[i] != null) {
          decompressed += rawLength;
        }
      }
      long length = packed[i] == null ? rawLength : packed[i].remaining();
      offsets[i] = cursor;
      cursor = align(cursor + length);
      ObjectNode d = list.addObject();
      d.put("name", t.name()).put("dtype", wire[i].wireName());
      ArrayNode shape = d.putArray("shape");
      for (long dim : t.shape().dims()) {
        shape.add(dim);
      }
      if (quant[i] != null) {
        d.putObject("quant").put("scale", quant[i].scale()).put("zeroPoint", quant[i].zeroPoint());
      }
      d.put("offset", offsets[i]).put("length", length);
      if (packed[i] != null) {
        d.put("compression", codec.compression().wireName()).put("rawLength", rawLength);
      }
    }
    byte[] json = Json.toBytes(header);
    int h = (int) align(PREFIX_BYTES + (long) json.length) - PREFIX_BYTES;
    if (h > MAX_HEADER_BYTES) {
      throw new IllegalArgumentException(
          "frame header is " + h + " bytes, more than " + MAX_HEADER_BYTES);
    }
    long total = PREFIX_BYTES + (long) h + cursor;
    if (total > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          "frame would be " + total + " bytes, more than a buffer holds");
    }
    ByteBuffer out = TensorConversions.take(allocator, (int) total);
    out.put(MAGIC_BYTES).putInt(h).put(json);
    while (out.position() < PREFIX_BYTES + h) {
      out.put((byte) ' ');
    }
    int dataStart = PREFIX_BYTES + h;
    for (int i = 0; i < tensors.size(); i++) {
      Tensor t = tensors.get(i);
      int at = dataStart + (int) offsets[i];
      int end;
      if (packed[i] != null) {
        out.put(at, packed[i], 0, packed[i].remaining());
        end = at + packed[i].remaining();
      } else {
        convert(t, wire[i], quant[i], out, at);
        end = at + (int) encodedBytes(t, codec);
      }
      int next = i + 1 < tensors.size() ? dataStart + (int) offsets[i + 1] : (int) total;
      for (int p = end; p < next; p++) {
        out.put(p, (byte) 0); // alignment padding: a reused buffer may hold old bytes
      }
    }
    return out.clear();
  }

  /** Writes a tensor's elements converted to the wire dtype into {@code out} from {@code at}. */
  private static void convert(Tensor t, DType wire, Quantization q, ByteBuffer out, int at) {
    int n = (int) t.elements();
    if (wire == t.dtype()) {
      out.put(at, t.data(), 0, t.byteLength());
    } else if (wire == DType.FLOAT16) {
      TensorConversions.float32ToFloat16(t.data(), n, out, at);
    } else {
      TensorConversions.quantize(t.data(), n, q, out, at);
    }
  }

  /**
   * The metadata of a frame's header (its JSON without the {@code tensors} list), checking the
   * prefix and the JSON but neither decoding nor checking the tensors: for a reply to a frame that
   * is shed or refused, at the cost of the header alone.
   *
   * @throws FrameCodecException when the prefix or the header is not valid
   */
  public static ObjectNode decodeHeader(ByteBuffer frame) {
    Objects.requireNonNull(frame, "frame");
    ObjectNode header = header(frame.duplicate().order(ByteOrder.LITTLE_ENDIAN));
    header.remove(TENSORS);
    return header;
  }

  /** Checks the prefix and parses the header JSON of a little-endian frame, from its position. */
  private static ObjectNode header(ByteBuffer b) {
    int base = b.position();
    int size = b.remaining();
    if (size < PREFIX_BYTES) {
      throw new FrameCodecException(
          "frame is " + size + " bytes, shorter than its " + PREFIX_BYTES + "-byte prefix");
    }
    for (int i = 0; i < MAGIC_BYTES.length; i++) {
      if (b.get(base + i) != MAGIC_BYTES[i]) {
        throw new FrameCodecException("frame does not start with \"" + MAGIC + "\"");
      }
    }
    long h = Integer.toUnsignedLong(b.getInt(base + 4));
    if (h > MAX_HEADER_BYTES) {
      throw new FrameCodecException(
          "frame header length " + h + " exceeds the limit of " + MAX_HEADER_BYTES);
    }
    if (h > size - PREFIX_BYTES) {
      throw new FrameCodecException(
          "frame header length "
              + h
              + " exceeds the "
              + (size - PREFIX_BYTES)
              + " bytes after the prefix");
    }
    return parseHeader(b, base + PREFIX_BYTES, (int) h);
  }

  /**
   * Decodes a frame from the buffer's position to its limit; the buffer's position is not moved.
   * The tensors share the buffer's bytes, except compressed ones, which are decompressed into new
   * buffers.
   *
   * @throws FrameCodecException when anything in the frame does not hold, with the reason
   */
  public static Frame decode(ByteBuffer frame) {
    return decode(frame, WireLimits.MAX_DECOMPRESSED_BYTES);
  }

  /**
   * As {@link #decode(ByteBuffer)}, with a lower bound on what the frame's compressed tensors may
   * decompress to together (a sensor's request frame: {@link WireLimits#MAX_INPUT_BYTES}).
   *
   * @param maxDecompressedBytes at most {@link WireLimits#MAX_DECOMPRESSED_BYTES}
   * @throws FrameCodecException when anything in the frame does not hold, with the reason
   */
  public static Frame decode(ByteBuffer frame, int maxDecompressedBytes) {
    Objects.requireNonNull(frame, "frame");
    if (maxDecompressedBytes < 0 || maxDecompressedBytes > WireLimits.MAX_DECOMPRESSED_BYTES) {
      throw new IllegalArgumentException(
          "maxDecompressedBytes must be in 0.."
              + WireLimits.MAX_DECOMPRESSED_BYTES
              + ": "
              + maxDecompressedBytes);
    }
    ByteBuffer b = frame.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    int base = b.position();
    int size = b.remaining();
    ObjectNode header = header(b);
    long h = Integer.toUnsignedLong(b.getInt(base + 4));
    JsonNode list = header.remove(TENSORS);
    if (list == null || !list.isArray()) {
      throw new FrameCodecException("frame header must have a \"tensors\" array");
    }
    if (list.size() > MAX_TENSORS) {
      throw new FrameCodecException(
          "frame holds " + list.size() + " tensors, more than " + MAX_TENSORS);
    }
    int dataStart = base + PREFIX_BYTES + (int) h;
    long dataLength = size - PREFIX_BYTES - h;
    List<Tensor> tensors = new ArrayList<>(list.size());
    long[][] extents = new long[list.size()][];
    Compression[] compression = new Compression[list.size()];
    Compressed[] compressed = new Compressed[list.size()];
    long decompressed = 0;
    Set<String> names = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      String at = "tensors[" + i + "]";
      JsonNode d = list.get(i);
      if (!d.isObject()) {
        throw new FrameCodecException(at + " must be an object");
      }
      String name = name(d, at);
      if (!names.add(name)) {
        throw new FrameCodecException(
            at + ".name repeats an earlier tensor's name: " + Checks.quote(name));
      }
      DType dtype = dtype(d, at);
      Shape shape = shape(d, at);
      Quantization quant = quant(d, at, dtype);
      long offset = nonNegativeLong(d, "offset", at);
      long length = nonNegativeLong(d, "length", at);
      long need = shape.elements() * dtype.size(); // at most 2^28 * 8: no overflow
      compression[i] = compression(d, at);
      if (compression[i] != Compression.NONE) {
        long raw = nonNegativeLong(d, "rawLength", at);
        if (raw != need) {
          throw new FrameCodecException(
              at
                  + ".rawLength is "
                  + raw
                  + " but shape "
                  + shape
                  + " of "
                  + dtype
                  + " needs "
                  + need
                  + " bytes");
        }
        if (need > maxDecompressedBytes - decompressed) {
          throw new FrameCodecException(
              at
                  + " would decompress the frame's tensors to more than "
                  + maxDecompressedBytes
                  + " bytes ("
                  + (decompressed + need)
                  + ")");
        }
        decompressed += need;
      } else if (d.has("rawLength")) {
        throw new FrameCodecException(at + ".rawLength is only allowed with a compression");
      } else if (length != need) {
        throw new FrameCodecException(
            at
                + ".length is "
                + length
                + " but shape "
                + shape
                + " of "
                + dtype
                + " needs "
                + need
                + " bytes");
      }
      if (offset > dataLength || length > dataLength - offset) {
        throw new FrameCodecException(
            at
                + " spans bytes "
                + offset
                + ".."
                + (offset + length)
                + " but the frame has "
                + dataLength
                + " bytes after the header");
      }
      extents[i] = new long[] {offset, length, i};
      ByteBuffer slice = b.slice(dataStart + (int) offset, (int) length);
      if (compression[i] == Compression.NONE) {
        tensors.add(new Tensor(name, dtype, shape, quant, slice));
      } else {
        compressed[i] = new Compressed(name, dtype, shape, quant, slice, (int) need);
        tensors.add(null); // decompressed below, once every tensor has been checked
      }
    }
    checkNoOverlap(extents);
    for (int i = 0; i < compressed.length; i++) {
      Compressed c = compressed[i];
      if (c != null) {
        ByteBuffer raw =
            TensorCompression.decompress(
                compression[i], c.bytes, c.rawLength, "tensors[" + i + "]");
        tensors.set(i, new Tensor(c.name, c.dtype, c.shape, c.quant, raw));
      }
    }
    return new Frame(header, tensors);
  }

  /** A checked compressed tensor of a frame being decoded, not yet decompressed. */
  private record Compressed(
      String name, DType dtype, Shape shape, Quantization quant, ByteBuffer bytes, int rawLength) {}

  private static DType wireDtype(DType dtype, Codec codec) {
    return dtype == DType.FLOAT32 ? codec.dtype() : dtype;
  }

  private static long align(long n) {
    return (n + ALIGNMENT - 1) & -ALIGNMENT;
  }

  private static ObjectNode metadataNode(Object metadata) {
    if (metadata == null) {
      return JsonNodeFactory.instance.objectNode();
    }
    JsonNode tree = Json.toTree(metadata);
    if (!(tree instanceof ObjectNode o)) {
      throw new IllegalArgumentException(
          "frame metadata must be a JSON object: " + metadata.getClass().getSimpleName());
    }
    if (o.has(TENSORS)) {
      throw new IllegalArgumentException("frame metadata must not have a \"tensors\" field");
    }
    return o.deepCopy();
  }

  private static ObjectNode parseHeader(ByteBuffer b, int start, int h) {
    JsonNode root;
    try {
      if (b.hasArray()) {
        root = READER.readTree(b.array(), b.arrayOffset() + start, h);
      } else {
        byte[] copy = new byte[h];
        b.get(start, copy);
        root = READER.readTree(copy);
      }
    } catch (IOException | RuntimeException e) {
      throw new FrameCodecException(
          "frame header is not valid JSON: " + firstLine(e.getMessage()), e);
    }
    if (root == null || !root.isObject()) {
      throw new FrameCodecException("frame header must be a JSON object");
    }
    return (ObjectNode) root;
  }

  private static String name(JsonNode d, String at) {
    JsonNode n = d.get("name");
    if (n == null || !n.isTextual()) {
      throw new FrameCodecException(at + ".name must be a string");
    }
    String s = n.textValue();
    try {
      return Checks.id(at + ".name", s);
    } catch (IllegalArgumentException e) {
      throw new FrameCodecException(e.getMessage());
    }
  }

  private static DType dtype(JsonNode d, String at) {
    JsonNode n = d.get("dtype");
    if (n == null || !n.isTextual()) {
      throw new FrameCodecException(
          at + ".dtype must be one of float32, float16, int8, uint8, int64");
    }
    try {
      return DType.of(n.textValue());
    } catch (IllegalArgumentException e) {
      throw new FrameCodecException(at + "." + e.getMessage());
    }
  }

  private static Shape shape(JsonNode d, String at) {
    JsonNode n = d.get("shape");
    if (n == null || !n.isArray()) {
      throw new FrameCodecException(at + ".shape must be an array of integers");
    }
    if (n.size() > WireLimits.MAX_RANK) {
      throw new FrameCodecException(
          at + ".shape rank must be <= " + WireLimits.MAX_RANK + ": " + n.size());
    }
    long[] dims = new long[n.size()];
    for (int j = 0; j < dims.length; j++) {
      JsonNode v = n.get(j);
      if (!v.isIntegralNumber() || !v.canConvertToLong()) {
        throw new FrameCodecException(at + ".shape[" + j + "] must be an integer: " + v);
      }
      dims[j] = v.longValue();
    }
    try {
      return new Shape(dims);
    } catch (IllegalArgumentException e) {
      throw new FrameCodecException(at + "." + e.getMessage());
    }
  }

  private static Quantization quant(JsonNode d, String at, DType dtype) {
    JsonNode q = d.get("quant");
    if (q == null || q.isNull()) {
      return null;
    }
    if (dtype != DType.INT8) {
      throw new FrameCodecException(at + ".quant is only allowed for int8, not " + dtype);
    }
    if (!q.isObject()) {
      throw new FrameCodecException(at + ".quant must be an object {scale, zeroPoint}");
    }
    JsonNode scale = q.get("scale");
    JsonNode zp = q.get("zeroPoint");
    if (scale == null || !scale.isNumber()) {
      throw new FrameCodecException(at + ".quant.scale must be a number");
    }
    if (zp == null || !zp.isIntegralNumber() || !zp.canConvertToInt()) {
      throw new FrameCodecException(at + ".quant.zeroPoint must be an integer");
    }
    try {
      return new Quantization(scale.doubleValue(), zp.intValue());
    } catch (IllegalArgumentException e) {
      throw new FrameCodecException(at + "." + e.getMessage());
    }
  }

  private static Compression compression(JsonNode d, String at) {
    JsonNode c = d.get("compression");
    if (c == null) {
      return Compression.NONE;
    }
    if (c.isTextual()
        && (c.textValue().equals(Compression.LZ4.wireName())
            || c.textValue().equals(Compression.ZSTD.wireName()))) {
      return Compression.of(c.textValue());
    }
    throw new FrameCodecException(at + ".compression must be lz4 or zstd: " + c);
  }

  private static long nonNegativeLong(JsonNode d, String field, String at) {
    JsonNode v = d.get(field);
    if (v == null || !v.isIntegralNumber() || !v.canConvertToLong()) {
      throw new FrameCodecException(at + "." + field + " must be an integer");
    }
    long x = v.longValue();
    if (x < 0) {
      throw new FrameCodecException(at + "." + field + " must be >= 0: " + x);
    }
    return x;
  }

  private static void checkNoOverlap(long[][] extents) {
    long[][] sorted = extents.clone();
    Arrays.sort(sorted, (a, c) -> Long.compare(a[0], c[0]));
    long[] reach = null; // the extent reaching furthest so far
    for (long[] cur : sorted) {
      if (cur[1] == 0) {
        continue;
      }
      if (reach != null && reach[0] + reach[1] > cur[0]) {
        throw new FrameCodecException(
            "tensors["
                + cur[2]
                + "] (bytes "
                + cur[0]
                + ".."
                + (cur[0] + cur[1])
                + ") overlaps tensors["
                + reach[2]
                + "] (bytes "
                + reach[0]
                + ".."
                + (reach[0] + reach[1])
                + ")");
      }
      if (reach == null || cur[0] + cur[1] > reach[0] + reach[1]) {
        reach = cur;
      }
    }
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "unreadable";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
