package io.dynasplit.schemas.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TraceParentTest {

  private static final String W3C_EXAMPLE =
      "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

  /** Verifies that the W3C specification's example reads back to the same text. */
  @Test
  void readsTheW3cExample() {
    TraceParent t = TraceParent.parse(W3C_EXAMPLE).orElseThrow();
    assertEquals("4bf92f3577b34da6a3ce929d0e0e4736", t.traceId());
    assertEquals("00f067aa0ba902b7", t.spanId());
    assertEquals("01", t.flags());
    assertEquals(W3C_EXAMPLE, t.toString());
  }

  /** Verifies that malformed values are ignored rather than refused with an exception. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "garbage",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra",
        "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",
        "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
        "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
        "00_4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
        "00-4bf92f3577b34da6a3ce929d0e0e473-x00f067aa0ba902b7-01",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0g"
      })
  void malformedValuesAreIgnored(String value) {
    assertTrue(TraceParent.parse(value).isEmpty(), value);
  }

  /** Verifies that a later version is read by its first 55 characters, as W3C asks. */
  @Test
  void laterVersionsAreReadByTheirKnownPart() {
    TraceParent t = TraceParent.parse(W3C_EXAMPLE.replaceFirst("00", "01") + "-more").orElseThrow();
    assertEquals("4bf92f3577b34da6a3ce929d0e0e4736", t.traceId());
  }

  /** Verifies that a child keeps the trace id and takes a new span id. */
  @Test
  void childKeepsTheTraceAndTakesANewSpan() {
    TraceParent parent = TraceParent.start();
    TraceParent child = parent.child();
    assertEquals(parent.traceId(), child.traceId());
    assertNotEquals(parent.spanId(), child.spanId());
    assertEquals(parent, TraceParent.parse(parent.toString()).orElseThrow());
    assertNotEquals(parent.traceId(), TraceParent.start().traceId());
  }
}
