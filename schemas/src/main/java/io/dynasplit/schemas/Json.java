package io.dynasplit.schemas;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;

/**
 * The one JSON mapper of the project: records to JSON and back, with the wire's conventions
 * (unknown fields are ignored for forward compatibility; a null where a primitive is expected is an
 * error).
 */
public final class Json {

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
          .build();

  private Json() {}

  /** The shared mapper (thread-safe once configured; do not reconfigure). */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** Writes a value as compact JSON bytes. */
  public static byte[] toBytes(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write " + value.getClass().getSimpleName() + " as JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** Writes a value as indented JSON text. */
  public static String toPrettyString(Object value) {
    try {
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write " + value.getClass().getSimpleName() + " as JSON: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * Reads a value from JSON bytes.
   *
   * @throws IllegalArgumentException when the bytes are not valid JSON for the type, with the
   *     reason
   */
  public static <T> T fromBytes(byte[] json, Class<T> type) {
    try {
      return MAPPER.readValue(json, type);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("invalid " + type.getSimpleName() + " JSON: " + e.getMessage(), e);
    }
  }
}
