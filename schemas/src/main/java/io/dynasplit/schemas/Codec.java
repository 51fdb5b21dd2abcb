package io.dynasplit.schemas;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How the intermediate tensor is encoded on the wire (ARCHITECTURE 5, knob {@code codec}): a
 * numeric conversion of float32 tensors ({@link #dtype()}) followed by an optional lossless entropy
 * stage over every tensor's bytes ({@link #compression()}). The wire name is the numeric part, then
 * {@code +} and the compression if there is one: {@code int8+lz4}.
 *
 * <p>This enum is the one list of codecs: the configuration space, the profiler, the optimizer, the
 * command line's checks and help ({@link #names()}) all take it from here; the JSON Schema enum of
 * {@code common.json} is checked against it by a test.
 */
public enum Codec {
  /** 4 bytes per value, exact. */
  FP32("fp32", DType.FLOAT32, Compression.NONE),
  /** IEEE 754 half precision, 2 bytes per value. */
  FP16("fp16", DType.FLOAT16, Compression.NONE),
  /** 8-bit affine quantization with a per-tensor scale and zero point, 1 byte per value. */
  INT8("int8", DType.INT8, Compression.NONE),
  /** fp32, then LZ4. */
  FP32_LZ4("fp32+lz4", DType.FLOAT32, Compression.LZ4),
  /** fp16, then LZ4. */
  FP16_LZ4("fp16+lz4", DType.FLOAT16, Compression.LZ4),
  /** int8, then LZ4. */
  INT8_LZ4("int8+lz4", DType.INT8, Compression.LZ4),
  /** fp32, then Zstandard. */
  FP32_ZSTD("fp32+zstd", DType.FLOAT32, Compression.ZSTD),
  /** fp16, then Zstandard. */
  FP16_ZSTD("fp16+zstd", DType.FLOAT16, Compression.ZSTD),
  /** int8, then Zstandard. */
  INT8_ZSTD("int8+zstd", DType.INT8, Compression.ZSTD);

  private static final String NAMES =
      Arrays.stream(values()).map(Codec::wireName).collect(Collectors.joining(", "));

  private final String wireName;
  private final DType dtype;
  private final Compression compression;

  Codec(String wireName, DType dtype, Compression compression) {
    this.wireName = wireName;
    this.dtype = dtype;
    this.compression = compression;
  }

  /** The name used in JSON and on the command line. */
  @JsonValue
  public String wireName() {
    return wireName;
  }

  /** The element type float32 tensors are converted to: float32, float16 or int8. */
  public DType dtype() {
    return dtype;
  }

  /** The lossless stage applied after the conversion. */
  public Compression compression() {
    return compression;
  }

  /**
   * Whether decoding can give other values than were encoded (fp16 and int8, compressed or not).
   */
  public boolean lossy() {
    return dtype != DType.FLOAT32;
  }

  /** The same conversion without compression: what this codec's compression is measured against. */
  public Codec uncompressed() {
    return switch (dtype) {
      case FLOAT16 -> FP16;
      case INT8 -> INT8;
      default -> FP32;
    };
  }

  /** Every wire name, comma-separated, for help texts and error messages. */
  public static String names() {
    return NAMES;
  }

  /** Parses a wire name, case-insensitively. */
  @JsonCreator
  public static Codec of(String name) {
    if (name != null) {
      String n = name.toLowerCase(Locale.ROOT);
      for (Codec c : values()) {
        if (c.wireName.equals(n)) {
          return c;
        }
      }
    }
    throw new IllegalArgumentException("codec must be one of " + NAMES + ": " + name);
  }

  @Override
  public String toString() {
    return wireName;
  }
}
