package io.dynasplit.schemas;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How a JSON request envelope carries its input (ARCHITECTURE 4.2, {@code input.encoding}). */
public enum InputEncoding {
  /** A PNG image; the model's pre-processing turns it into a tensor. */
  IMAGE_PNG("image/png"),
  /** A JPEG image; the model's pre-processing turns it into a tensor. */
  IMAGE_JPEG("image/jpeg"),
  /** A raw little-endian tensor with {@code dtype} and {@code shape}. */
  TENSOR("tensor");

  private final String wireName;

  InputEncoding(String wireName) {
    this.wireName = wireName;
  }

  /** The name used in JSON. */
  @JsonValue
  public String wireName() {
    return wireName;
  }

  /** Whether the input is an encoded image. */
  public boolean isImage() {
    return this != TENSOR;
  }

  /** Parses a wire name (exact). */
  @JsonCreator
  public static InputEncoding of(String name) {
    if (name != null) {
      for (InputEncoding e : values()) {
        if (e.wireName.equals(name)) {
          return e;
        }
      }
    }
    throw new IllegalArgumentException(
        "input encoding must be one of image/png, image/jpeg, tensor: " + name);
  }

  @Override
  public String toString() {
    return wireName;
  }
}
