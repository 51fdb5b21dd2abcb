package io.dynasplit.models.processing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelOutputJsonTest {

  private final ObjectMapper json = new ObjectMapper();

  /**
   * Verifies that each kind of output serializes to the JSON a reply carries, with its type and
   * fields.
   */
  @Test
  void outputsSerializeToReplyJson() throws Exception {
    JsonNode classification =
        json.valueToTree(
            new ModelOutput.Classification(
                List.of(new ModelOutput.ClassScore(1, "180", 0.9)), false));
    JsonNode boxes =
        json.valueToTree(
            new ModelOutput.TextBoxes(
                640, 480, List.of(new ModelOutput.TextBox(10, 20, 30, 40, 0.8))));
    JsonNode embedding =
        json.valueToTree(new ModelOutput.Embedding(2, new float[] {0.6f, 0.8f}, true));

    assertEquals("classification", classification.get("type").asText());
    assertEquals("180", classification.at("/top/0/label").asText());
    assertEquals(0.9, classification.at("/top/0/probability").asDouble(), 1e-12);
    assertEquals(false, classification.get("synthetic").asBoolean());
    assertEquals("text-boxes", boxes.get("type").asText());
    assertEquals(30, boxes.at("/boxes/0/width").asInt());
    assertEquals("embedding", embedding.get("type").asText());
    assertEquals(0.8, embedding.at("/vector/1").asDouble(), 1e-6);
  }
}
