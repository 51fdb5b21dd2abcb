package io.dynasplit.schemas;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The element type of a tensor on the wire (ARCHITECTURE 4.3). */
public enum DType {
  /** IEEE 754 single precision, little-endian. */
  FLOAT32("float32", 4),
  /** IEEE 754 half precision, little-endian. */
  FLOAT16("float16", 2),
  /** Signed 8-bit integer; with a quantization it encodes floats affinely. */
  INT8("int8", 1),
  /** Unsigned 8-bit integer (passed through). */
  UINT8("uint8", 1),
  /** Signed 64-bit integer, little-endian (passed through). */
  INT64("int64", 8);

  private final String wireName;
  private final int size;

  DType(String wireName, int size) {
    this.wireName = wireName;
    this.size = size;
  }

  /** The name used in JSON. */
  @JsonValue
  public String wireName() {
    return wireName;
  }

  /** Bytes per element. */
  public int size() {
    return size;
  }

  /** Parses a wire name (exact). */
  @JsonCreator
  public static DType of(String name) {
    if (name != null) {
      for (DType d : values()) {
        if (d.wireName.equals(name)) {
          return d;
        }
      }
    }
    throw new IllegalArgumentException(
        "dtype must be one of float32, float16, int8, uint8, int64: " + name);
  }

  @Override
  public String toString() {
    return wireName;
  }
}
