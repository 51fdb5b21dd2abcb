package io.dynasplit.schemas;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How the intermediate tensor is encoded on the wire (ARCHITECTURE 5, knob {@code codec}). */
public enum Codec {
  /** 4 bytes per value, exact. */
  FP32("fp32"),
  /** IEEE 754 half precision, 2 bytes per value. */
  FP16("fp16"),
  /** 8-bit affine quantization with a per-tensor scale and zero point, 1 byte per value. */
  INT8("int8");

  private final String wireName;

  Codec(String wireName) {
    this.wireName = wireName;
  }

  /** The name used in JSON and on the command line. */
  @JsonValue
  public String wireName() {
    return wireName;
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
    throw new IllegalArgumentException("codec must be one of fp32, fp16, int8: " + name);
  }

  @Override
  public String toString() {
    return wireName;
  }
}
