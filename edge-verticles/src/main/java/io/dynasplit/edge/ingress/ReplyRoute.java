package io.dynasplit.edge.ingress;

import io.dynasplit.schemas.ErrorReply;
import io.dynasplit.schemas.TopicAddress;
import io.dynasplit.schemas.Topics;
import io.dynasplit.schemas.WireLimits;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * Where the final reply of a request goes (ARCHITECTURE 4.2): the MQTT 5 response topic with the
 * correlation data echoed, else the request's {@code replyTo}, else the edge's default reply topic
 * named by the request id.
 *
 * <p>A requested reply topic is refused when it starts with {@code $} or contains a wildcard, or
 * when it is one of the tree's own non-reply topics (requests, tail, tail results, status,
 * telemetry, pareto): an edge must never publish a reply where edges, clouds or optimizers read
 * their input. The reply then goes to the default topic and {@link #refusal} says why, for a {@code
 * BAD_REQUEST}. The reply namespace, this edge's default reply topics and topics outside the tree
 * are allowed.
 *
 * @param topic the reply topic
 * @param correlationData the correlation data to echo, or null
 * @param kind which rule chose the topic
 * @param refusal why the requested reply topic was refused, or null when none was
 */
public record ReplyRoute(String topic, byte[] correlationData, Kind kind, String refusal) {

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
      throw new IllegalArgumentException(
          "reply topic must be non-empty without wildcards: '" + topic + "'");
    }
    correlationData = correlationData == null ? null : correlationData.clone();
  }

  /**
   * Applies the routing rules.
   *
   * @param responseTopic the MQTT 5 response topic, or null
   * @param correlationData the MQTT 5 correlation data, or null
   * @param replyTo the request's {@code replyTo}, or null
   * @param requestId the request id, or null when it could not be read (the reply then goes to the
   *     default topic of {@link ErrorReply#UNKNOWN_ID})
   */
  public static ReplyRoute resolve(
      Topics topics,
      String edgeId,
      String responseTopic,
      byte[] correlationData,
      String replyTo,
      String requestId) {
    String refusal = null;
    if (responseTopic != null && !responseTopic.isEmpty()) {
      refusal = refusal(topics, edgeId, "response topic", responseTopic);
      if (refusal == null) {
        return new ReplyRoute(responseTopic, correlationData, Kind.RESPONSE_TOPIC, null);
      }
    } else if (replyTo != null && !replyTo.isEmpty()) {
      refusal = refusal(topics, edgeId, "replyTo", replyTo);
      if (refusal == null) {
        return new ReplyRoute(replyTo, null, Kind.REPLY_TO, null);
      }
    }
    String id =
        requestId != null && Topics.isValidId(requestId) ? requestId : ErrorReply.UNKNOWN_ID;
    return new ReplyRoute(topics.edgeReply(edgeId, id), null, Kind.DEFAULT, refusal);
  }

  /**
   * Why a requested reply topic may not be used, or null when it may.
   *
   * @param what how the request named it ({@code response topic} or {@code replyTo}), for the
   *     message
   */
  static String refusal(Topics topics, String edgeId, String what, String topic) {
    if (topic.length() > WireLimits.MAX_TOPIC_LENGTH) {
      return what
          + " must be at most "
          + WireLimits.MAX_TOPIC_LENGTH
          + " characters: "
          + topic.length()
          + " characters";
    }
    if (!WireLimits.isWellFormed(topic)) {
      return what + " must be well-formed UTF-8 text (no lone surrogate, no U+0000)";
    }
    if (topic.contains("+") || topic.contains("#")) {
      return what + " must not contain MQTT wildcards: '" + topic + "'";
    }
    if (topic.startsWith("$")) {
      return what + " must not start with '$': '" + topic + "'";
    }
    if (topics.isReplyNamespace(topic)) {
      return null;
    }
    return topics
        .parse(topic)
        .filter(a -> a.kind() != TopicAddress.Kind.EDGE_REPLY || !edgeId.equals(a.edgeId()))
        .map(
            a ->
                what
                    + " '"
                    + topic
                    + "' is the dynasplit "
                    + a.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                    + " topic, not a reply topic; use "
                    + topics.prefix()
                    + "/replies/<sensorId>/<name> or a topic of your own")
        .orElse(null);
  }

  /** The correlation data (a copy), or null. */
  @Override
  public byte[] correlationData() {
    return correlationData == null ? null : correlationData.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ReplyRoute r
        && topic.equals(r.topic)
        && kind == r.kind
        && Arrays.equals(correlationData, r.correlationData)
        && Objects.equals(refusal, r.refusal);
  }

  @Override
  public int hashCode() {
    return Objects.hash(topic, kind, Arrays.hashCode(correlationData), refusal);
  }

  @Override
  public String toString() {
    return "ReplyRoute["
        + kind
        + " "
        + topic
        + (correlationData == null ? "" : " +correlation")
        + (refusal == null ? "" : " refused: " + refusal)
        + "]";
  }
}
