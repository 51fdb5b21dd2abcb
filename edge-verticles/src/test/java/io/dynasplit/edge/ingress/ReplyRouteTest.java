package io.dynasplit.edge.ingress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.dynasplit.schemas.ErrorReply;
import io.dynasplit.schemas.Topics;
import org.junit.jupiter.api.Test;

class ReplyRouteTest {

  private static final Topics T = Topics.DEFAULT;

  /** Verifies that the MQTT 5 response topic wins and its correlation data is echoed. */
  @Test
  void responseTopicComesFirst() {
    ReplyRoute r = ReplyRoute.resolve(T, "e1", "app/replies", new byte[] {1, 2}, "other/topic", "r-1");
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

  /** Verifies that the default reply topic is named by the request id, or by the unknown id when the id cannot name a topic. */
  @Test
  void defaultTopicIsNamedByTheRequestId() {
    assertEquals(T.edgeReply("e1", "r-1"), ReplyRoute.resolve(T, "e1", null, null, null, "r-1").topic());
    assertEquals(T.edgeReply("e1", ErrorReply.UNKNOWN_ID), ReplyRoute.resolve(T, "e1", null, null, null, "a/b").topic());
    assertEquals(T.edgeReply("e1", ErrorReply.UNKNOWN_ID), ReplyRoute.resolve(T, "e1", null, null, "bad/+", null).topic());
  }
}
