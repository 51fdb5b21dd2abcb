package io.dynasplit.edge.ingress;

import io.dynasplit.schemas.ErrorReply;
import io.dynasplit.schemas.Topics;
import java.util.Arrays;
import java.util.Objects;

/**
 * Where the final reply of a request goes (ARCHITECTURE 4.2): the MQTT 5 response topic with the
 * correlation data echoed, else the request's {@code replyTo}, else the edge's default reply topic
 * named by the request id.
 *
 * @param topic the reply topic
 * @param correlationData the correlation data to echo, or null
 * @param kind which rule chose the topic
 */
public record ReplyRoute(String topic, byte[] correlationData, Kind kind) {

  /** Which rule chose the topic. */
  public enum Kind {
    /** The MQTT 5 Response Topic property. */
    RESPONSE_TOPIC,
    /** The {@code replyTo} field of the request. */
    REPLY_TO,
    /** {@code edge/{edgeId}/replies/{requestId}}. */
    DEFAULT
  }

  /** Checks the values; copies the correlation data. */
  public ReplyRoute {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(kind, "kind");
    if (topic.isEmpty() || topic.contains("+") || topic.contains("#")) {
      throw new IllegalArgumentException("reply topic must be non-empty without wildcards: '" + topic + "'");
    }
    correlationData = correlationData == null ? null : correlationData.clone();
  }

  /**
   * Applies the routing rules.
   *
   * @param responseTopic the MQTT 5 response topic, or null
   * @param correlationData the MQTT 5 correlation data, or null
   * @param replyTo the request's {@code replyTo}, or null
   * @param requestId the request id, or null when it could not be read (the reply then goes to
   *     the default topic of {@link ErrorReply#UNKNOWN_ID})
   */
  public static ReplyRoute resolve(
      Topics topics, String edgeId, String responseTopic, byte[] correlationData, String replyTo, String requestId) {
    if (responseTopic != null && !responseTopic.isEmpty()) {
      return new ReplyRoute(responseTopic, correlationData, Kind.RESPONSE_TOPIC);
    }
    if (replyTo != null && !replyTo.isEmpty() && !replyTo.contains("+") && !replyTo.contains("#")) {
      return new ReplyRoute(replyTo, null, Kind.REPLY_TO);
    }
    String id = requestId != null && Topics.isValidId(requestId) ? requestId : ErrorReply.UNKNOWN_ID;
    return new ReplyRoute(topics.edgeReply(edgeId, id), null, Kind.DEFAULT);
  }

  /** The correlation data (a copy), or null. */
  @Override
  public byte[] correlationData() {
    return correlationData == null ? null : correlationData.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ReplyRoute r && topic.equals(r.topic) && kind == r.kind
        && Arrays.equals(correlationData, r.correlationData);
  }

  @Override
  public int hashCode() {
    return Objects.hash(topic, kind, Arrays.hashCode(correlationData));
  }

  @Override
  public String toString() {
    return "ReplyRoute[" + kind + " " + topic + (correlationData == null ? "" : " +correlation") + "]";
  }
}
