package io.dynasplit.schemas;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;

/**
 * The one JSON mapper of the project: records to JSON and back, with the wire's conventions
 * (unknown fields are ignored for forward compatibility; a null where a primitive is expected is an
 * error). Reading is bounded for untrusted input: strings up to {@link WireLimits#MAX_BASE64_CHARS}
 * characters (plus a little), nesting up to {@link WireLimits#MAX_JSON_DEPTH}, numbers up to 64
 * digits.
 */
public final class Json {

  /** The media type of every JSON payload the project publishes (the MQTT 5 content type). */
  public static final String MEDIA_TYPE = "application/json";

  /** The bounds every JSON read from the network is parsed under. */
  static final StreamReadConstraints READ_CONSTRAINTS =
      StreamReadConstraints.builder()
          .maxStringLength(WireLimits.MAX_BASE64_CHARS + 1024)
          .maxNestingDepth(WireLimits.MAX_JSON_DEPTH)
          .maxNumberLength(64)
          .build();

  private static final ObjectMapper MAPPER =
      JsonMapper.builder(JsonFactory.builder().streamReadConstraints(READ_CONSTRAINTS).build())
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
      throw new IllegalArgumentException(
          "cannot write "
              + value.getClass().getSimpleName()
              + " as JSON: "
              + e.getOriginalMessage(),
          e);
    }
  }

  /** Writes a value as indented JSON text. */
  public static String toPrettyString(Object value) {
    try {
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "cannot write "
              + value.getClass().getSimpleName()
              + " as JSON: "
              + e.getOriginalMessage(),
          e);
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
      throw new IllegalArgumentException(
          "invalid " + type.getSimpleName() + " JSON: " + JsonErrors.describe(e), e);
    }
  }

  /**
   * Reads a value from a range of JSON bytes.
   *
   * @throws IllegalArgumentException when the bytes are not valid JSON for the type, with the
   *     reason
   */
  public static <T> T fromBytes(byte[] json, int offset, int length, Class<T> type) {
    try {
      return MAPPER.readValue(json, offset, length, type);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(
          "invalid " + type.getSimpleName() + " JSON: " + JsonErrors.describe(e), e);
    }
  }

  /**
   * Converts a JSON tree to a value.
   *
   * @throws IllegalArgumentException when the tree is not valid for the type, with the reason
   */
  public static <T> T fromTree(JsonNode tree, Class<T> type) {
    try {
      return MAPPER.treeToValue(tree, type);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(
          "invalid " + type.getSimpleName() + " JSON: " + JsonErrors.describe(e), e);
    }
  }

  /** Converts a value to a JSON tree. */
  public static JsonNode toTree(Object value) {
    return MAPPER.valueToTree(value);
  }
}
