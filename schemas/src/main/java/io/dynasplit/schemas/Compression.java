package io.dynasplit.schemas;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The lossless entropy stage of a {@link Codec}, applied to a tensor's bytes after the numeric
 * conversion (ARCHITECTURE 4.3: a compressed tensor's descriptor names it in {@code
 * "compression"}).
 */
public enum Compression {
  /** The bytes as they are. */
  NONE("none"),
  /** LZ4 block format (lz4-java): fast both ways, modest ratios. */
  LZ4("lz4"),
  /** Zstandard frame format at level {@value TensorCompression#ZSTD_LEVEL} (zstd-jni). */
  ZSTD("zstd");

  private final String wireName;

  Compression(String wireName) {
    this.wireName = wireName;
  }

  /** The name used in frame headers and after the {@code +} of a codec's name. */
  @JsonValue
  public String wireName() {
    return wireName;
  }

  /** Parses a wire name (exact). */
  @JsonCreator
  public static Compression of(String name) {
    if (name != null) {
      for (Compression c : values()) {
        if (c.wireName.equals(name)) {
          return c;
        }
      }
    }
    throw new IllegalArgumentException("compression must be one of none, lz4, zstd: " + name);
  }

  @Override
  public String toString() {
    return wireName;
  }
}
