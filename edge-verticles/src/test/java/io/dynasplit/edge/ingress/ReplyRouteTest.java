package io.dynasplit.edge.ingress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dynasplit.schemas.ErrorReply;
import io.dynasplit.schemas.Topics;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplyRouteTest {

  private static final Topics T = Topics.DEFAULT;

  /** Verifies that the MQTT 5 response topic wins and its correlation data is echoed. */
  @Test
  void responseTopicComesFirst() {
    ReplyRoute r =
        ReplyRoute.resolve(T, "e1", "app/replies", new byte[] {1, 2}, "other/topic", "r-1");
    assertEquals("app/replies", r.topic());
    assertArrayEquals(new byte[] {1, 2}, r.correlationData());
    assertEquals(ReplyRoute.Kind.RESPONSE_TOPIC, r.kind());
  }

  /** Verifies that replyTo is used when there is no response topic. */
  @Test
  void replyToComesSecond() {
    ReplyRoute r = ReplyRoute.resolve(T, "e1", null, null, "app/7/replies", "r-1");
    assertEquals("app/7/replies", r.topic());
    assertNull(r.correlationData());
    assertEquals(ReplyRoute.Kind.REPLY_TO, r.kind());
  }

  /**
   * Verifies that the default reply topic is named by the request id, or by the unknown id when the
   * id cannot name a topic.
   */
  @Test
  void defaultTopicIsNamedByTheRequestId() {
    assertEquals(
        T.edgeReply("e1", "r-1"), ReplyRoute.resolve(T, "e1", null, null, null, "r-1").topic());
    assertEquals(
        T.edgeReply("e1", ErrorReply.UNKNOWN_ID),
        ReplyRoute.resolve(T, "e1", null, null, null, "a/b").topic());
    assertEquals(
        T.edgeReply("e1", ErrorReply.UNKNOWN_ID),
        ReplyRoute.resolve(T, "e1", null, null, "bad/+", null).topic());
  }

  /**
   * Verifies that reply topics the edge, the cloud or the optimizer read from are refused and the
   * reply goes to the default topic.
   */
  @Test
  void ownNonReplyTopicsAreRefused() {
    for (String topic :
        List.of(
            T.edgeRequests("e1"),
            T.edgeRequests("e2"),
            T.edgeTailResults("e1"),
            T.edgeStatus("e1"),
            T.edgeTelemetry("e1"),
            T.edgePareto("e1", "ppocr-cls"),
            T.cloudTail(),
            T.cloudStatus("w1"),
            T.cloudTelemetry("w1"),
            T.edgeReply("e2", "r-1"),
            "$SYS/broker/clients",
            "$share/g/app/replies")) {
      ReplyRoute byReplyTo = ReplyRoute.resolve(T, "e1", null, null, topic, "r-1");
      assertEquals(T.edgeReply("e1", "r-1"), byReplyTo.topic(), topic);
      assertEquals(ReplyRoute.Kind.DEFAULT, byReplyTo.kind(), topic);
      assertNotNull(byReplyTo.refusal(), topic);
      assertTrue(byReplyTo.refusal().contains(topic), byReplyTo.refusal());
      ReplyRoute byResponseTopic = ReplyRoute.resolve(T, "e1", topic, new byte[] {1}, null, "r-1");
      assertEquals(T.edgeReply("e1", "r-1"), byResponseTopic.topic(), topic);
      assertNotNull(byResponseTopic.refusal(), topic);
    }
  }

  /**
   * Verifies that the reply namespace, the edge's own default reply topics and application topics
   * are allowed.
   */
  @Test
  void replyTopicsAndApplicationTopicsAreAllowed() {
    for (String topic :
        List.of(
            T.sensorReply("s1", "inbox"),
            T.edgeReply("e1", "r-1"),
            T.edgeReply("e1", "other"),
            "app/7/replies",
            "dynasplit/v1/something/else")) {
      ReplyRoute r = ReplyRoute.resolve(T, "e1", null, null, topic, "r-1");
      assertEquals(topic, r.topic());
      assertNull(r.refusal(), topic);
      assertNull(ReplyRoute.resolve(T, "e1", topic, null, null, "r-1").refusal(), topic);
    }
  }
}
