package io.dynasplit.edge.ingress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dynasplit.schemas.WireLimits;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RequestDecoderTest {

  /**
   * Verifies that peeking reads id, model and replyTo while skipping the input, and stops at a bad
   * token.
   */
  @Test
  void peekReadsTheHeaderFieldsOnly() {
    String json =
        "{\"input\":{\"data\":\"AAAA\",\"nested\":[1,2,{\"id\":\"inner\"}]},\"id\":\"r-9\",\"model\":\"m\",\"replyTo\":\"a/b\","
            + " this is broken";
    RequestDecoder.Peek p = RequestDecoder.peek(json.getBytes(StandardCharsets.UTF_8));
    assertEquals("r-9", p.id());
    assertEquals("m", p.model());
    assertEquals("a/b", p.replyTo());
    RequestDecoder.Peek none = RequestDecoder.peek("garbage".getBytes(StandardCharsets.UTF_8));
    assertNull(none.id());
  }

  /** Verifies that a payload over the size limit is refused before it is parsed. */
  @Test
  void oversizedPayloadIsRefused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> RequestDecoder.decode(new byte[WireLimits.MAX_JSON_BYTES + 1]));
    assertTrue(e.getMessage().contains("larger than the limit"), e.getMessage());
  }

  /** Verifies that an empty payload is refused with a message saying what was expected. */
  @Test
  void emptyPayloadIsRefused() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> RequestDecoder.decode(new byte[0]));
    assertTrue(e.getMessage().contains("DSF1"), e.getMessage());
  }

  /**
   * Verifies that malformed envelopes are refused with the wire's words (the missing or mistyped
   * field, or the record's own check), never Jackson's type names or source excerpts.
   */
  @Test
  void malformedEnvelopesNameTheProblem() {
    String input =
        "\"input\":{\"encoding\":\"tensor\",\"dtype\":\"float32\",\"shape\":[1,2],\"data\":\"AAAAAAAAAAA=\"}";
    assertEquals(
        "invalid InferenceRequest JSON: missing field slaMs",
        decodeError("{\"id\":\"r-1\",\"model\":\"m\"," + input + "}"));
    assertEquals(
        "invalid InferenceRequest JSON: field slaMs must be an integer: \"soon\"",
        decodeError("{\"id\":\"r-1\",\"model\":\"m\",\"slaMs\":\"soon\"," + input + "}"));
    String negative = decodeError("{\"id\":\"r-1\",\"model\":\"m\",\"slaMs\":-5," + input + "}");
    assertTrue(negative.contains("slaMs") && negative.contains("-5"), negative);
    String notJson = decodeError("{\"id\": nope}");
    assertTrue(
        notJson.startsWith("invalid InferenceRequest JSON: not valid JSON at line 1, column"),
        notJson);
    for (String m : java.util.List.of(negative, notJson)) {
      assertFalse(
          m.contains("Source") || m.contains("`") || m.contains("DeserializationFeature"), m);
    }
  }

  private static String decodeError(String json) {
    return assertThrows(
            IllegalArgumentException.class,
            () -> RequestDecoder.decode(json.getBytes(StandardCharsets.UTF_8)))
        .getMessage();
  }
}
