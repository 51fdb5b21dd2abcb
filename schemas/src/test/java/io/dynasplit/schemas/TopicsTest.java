package io.dynasplit.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TopicsTest {

  /** Verifies that every concrete topic parses back to the address it was built from. */
  @Test
  void everyTopicParsesBackToItsAddress() {
    Topics t = new Topics("site/a/dynasplit/v1");
    assertEquals(
        new TopicAddress(TopicAddress.Kind.EDGE_REQUESTS, "e1", null, null, null),
        t.parse(t.edgeRequests("e1")).orElseThrow());
    assertEquals(
        new TopicAddress(TopicAddress.Kind.EDGE_REPLY, "e1", null, "r-17", null),
        t.parse(t.edgeReply("e1", "r-17")).orElseThrow());
    assertEquals(
        new TopicAddress(TopicAddress.Kind.EDGE_TAIL_RESULTS, "e1", null, null, null),
        t.parse(t.edgeTailResults("e1")).orElseThrow());
    assertEquals(
        new TopicAddress(TopicAddress.Kind.EDGE_TELEMETRY, "e1", null, null, null),
        t.parse(t.edgeTelemetry("e1")).orElseThrow());
    assertEquals(
        new TopicAddress(TopicAddress.Kind.EDGE_STATUS, "e1", null, null, null),
        t.parse(t.edgeStatus("e1")).orElseThrow());
    assertEquals(
        new TopicAddress(TopicAddress.Kind.EDGE_PARETO, "e1", null, null, "vgg16"),
        t.parse(t.edgePareto("e1", "vgg16")).orElseThrow());
    assertEquals(
        new TopicAddress(TopicAddress.Kind.CLOUD_TAIL, null, null, null, null),
        t.parse(t.cloudTail()).orElseThrow());
    assertEquals(
        new TopicAddress(TopicAddress.Kind.CLOUD_STATUS, null, "w1", null, null),
        t.parse(t.cloudStatus("w1")).orElseThrow());
    assertEquals(
        new TopicAddress(TopicAddress.Kind.CLOUD_TELEMETRY, null, "w1", null, null),
        t.parse(t.cloudTelemetry("w1")).orElseThrow());
  }

  /** Verifies the literal topic strings of ARCHITECTURE 4.1 with the default prefix. */
  @Test
  void defaultPrefixGivesTheArchitectureTopics() {
    Topics t = Topics.DEFAULT;
    assertEquals("dynasplit/v1/edge/e1/requests", t.edgeRequests("e1"));
    assertEquals("dynasplit/v1/cloud/tail", t.cloudTail());
    assertEquals("$share/dynasplit-cloud/dynasplit/v1/cloud/tail", t.cloudTailShared());
    assertEquals("dynasplit/v1/edge/e1/pareto/ppocr-det", t.edgePareto("e1", "ppocr-det"));
  }

  /**
   * Verifies that the reply namespace's builders and its check agree, and that the check refuses
   * topics outside it.
   */
  @Test
  void replyNamespaceIsBuiltAndRecognised() {
    Topics t = Topics.DEFAULT;
    assertEquals("dynasplit/v1/replies/cam-7/results", t.sensorReply("cam-7", "results"));
    assertEquals("dynasplit/v1/replies/cam-7/#", t.sensorRepliesFilter("cam-7"));
    assertEquals("dynasplit/v1/replies/#", t.replyNamespaceFilter());
    assertTrue(t.isReplyNamespace(t.sensorReply("cam-7", "results")));
    assertTrue(t.isReplyNamespace("dynasplit/v1/replies/cam-7/app/7"));
    assertFalse(t.isReplyNamespace("app/7/replies"));
    assertFalse(t.isReplyNamespace("dynasplit/v1/replies/cam-7"));
    assertFalse(t.isReplyNamespace("dynasplit/v1/replies/cam-7/"));
    assertFalse(t.isReplyNamespace("dynasplit/v1/replies/cam-7/+"));
    assertFalse(t.isReplyNamespace("dynasplit/v1/replies/+/x"));
    assertFalse(t.isReplyNamespace("dynasplit/v1/replies//x"));
    assertFalse(t.isReplyNamespace(t.edgeReply("e1", "r-1")));
    assertFalse(new Topics("site/a").isReplyNamespace("dynasplit/v1/replies/cam-7/results"));
    assertThrows(IllegalArgumentException.class, () -> t.sensorReply("cam/7", "results"));
    assertThrows(IllegalArgumentException.class, () -> t.sensorRepliesFilter("#"));
  }

  /** Verifies that foreign or malformed topics do not parse. */
  @Test
  void foreignTopicsDoNotParse() {
    Topics t = Topics.DEFAULT;
    for (String topic :
        List.of(
            "other/v1/edge/e1/requests",
            "dynasplit/v1/edge/e1",
            "dynasplit/v1/edge//requests",
            "dynasplit/v1/edge/e1/requests/x",
            "dynasplit/v1/cloud/w1/nothing",
            "dynasplit/v1")) {
      assertTrue(t.parse(topic).isEmpty(), topic);
    }
  }

  /**
   * Verifies that identifiers with MQTT special characters are refused with a message naming them.
   */
  @Test
  void badIdentifiersAreRefused() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Topics.DEFAULT.edgeRequests("a/b"));
    assertTrue(e.getMessage().contains("edgeId"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Topics.DEFAULT.edgeReply("e1", "r#1"));
    assertThrows(IllegalArgumentException.class, () -> new Topics("dynasplit/v1/"));
  }
}
