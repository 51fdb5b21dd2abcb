package io.dynasplit.edge.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class InFlightTableTest {

  /**
   * Verifies that an answer after the timeout finds nothing and counts as late, so each entry
   * completes once.
   */
  @Test
  void answerAfterTimeoutIsLate() {
    InFlightTable<String> table = new InFlightTable<>();
    table.add("k1", "request 1", 7);
    assertNotNull(table.timeout("k1"));
    assertNull(table.answer("k1"));
    assertEquals(1, table.late());
    assertEquals(1, table.timedOut());
    assertEquals(0, table.size());
  }

  /** Verifies that a timeout after the answer finds nothing and is not counted. */
  @Test
  void timeoutAfterAnswerIsIgnored() {
    InFlightTable<String> table = new InFlightTable<>();
    table.add("k1", "request 1", 7);
    InFlightTable.Entry<String> e = table.answer("k1");
    assertEquals("request 1", e.value());
    assertEquals(7, e.timerId());
    assertNull(table.timeout("k1"));
    assertEquals(0, table.timedOut());
    assertEquals(0, table.late());
  }

  /** Verifies that a key cannot be in flight twice. */
  @Test
  void duplicateKeyIsRefused() {
    InFlightTable<String> table = new InFlightTable<>();
    table.add("k1", "a", 1);
    assertThrows(IllegalStateException.class, () -> table.add("k1", "b", 2));
  }
}
