package io.dynasplit.optimizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.dynasplit.schemas.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutputFidelityTest {

  private static JsonNode json(String text) {
    return Json.fromBytes(text.getBytes(java.nio.charset.StandardCharsets.UTF_8), JsonNode.class);
  }

  private static JsonNode top1(int index, double p) {
    return json(
        "{\"type\":\"classification\",\"top\":[{\"index\":"
            + index
            + ",\"label\":\"c\",\"probability\":"
            + p
            + "}],\"synthetic\":false}");
  }

  /**
   * Verifies that classifications agree on the top-1 class whatever its probability, and the mean
   * counts agreements.
   */
  @Test
  void classificationsScoreTopOneAgreement() {
    assertEquals(1.0, OutputFidelity.of(top1(3, 0.6), top1(3, 0.9)));
    assertEquals(0.0, OutputFidelity.of(top1(2, 0.9), top1(3, 0.9)));
    assertEquals(
        0.5,
        OutputFidelity.mean(
            List.of(top1(3, 0.5), top1(1, 0.5)), List.of(top1(3, 0.5), top1(3, 0.5))));
  }

  /**
   * Verifies that embeddings score the cosine of their vectors and other outputs that of their
   * numbers.
   */
  @Test
  void otherOutputsScoreCosineSimilarity() {
    JsonNode a =
        json("{\"type\":\"embedding\",\"dimension\":2,\"vector\":[1,0],\"normalized\":true}");
    JsonNode b =
        json("{\"type\":\"embedding\",\"dimension\":2,\"vector\":[1,1],\"normalized\":true}");
    assertEquals(Math.sqrt(0.5), OutputFidelity.of(a, b), 1e-12);
    assertEquals(1.0, OutputFidelity.of(b, b), 1e-12);
    JsonNode boxes = json("{\"type\":\"text-boxes\",\"boxes\":[{\"x\":1,\"y\":2}]}");
    JsonNode more =
        json("{\"type\":\"text-boxes\",\"boxes\":[{\"x\":1,\"y\":2},{\"x\":5,\"y\":5}]}");
    double f = OutputFidelity.of(boxes, more);
    assertTrue(f > 0 && f < 1, "an extra box lowers the cosine: " + f);
  }

  /** Verifies that outputs of different types are refused with both types named. */
  @Test
  void differentTypesAreRefused() {
    JsonNode e = json("{\"type\":\"embedding\",\"vector\":[1]}");
    IllegalArgumentException x =
        assertThrows(IllegalArgumentException.class, () -> OutputFidelity.of(e, top1(1, 1)));
    assertTrue(
        x.getMessage().contains("embedding") && x.getMessage().contains("classification"),
        x.getMessage());
  }
}
