package io.dynasplit.edge.ingress;

import io.dynasplit.schemas.mqtt.TraceParent;
import java.util.Objects;

/**
 * The MQTT 5 properties of a reply besides its route (ARCHITECTURE 4.5): the JSON content type and
 * UTF-8 format indicator, which every reply has, plus these.
 *
 * @param expirySeconds the Message Expiry Interval: what is left of the request's deadline plus the
 *     grace, at least 1 s, so that a reply nobody collected in time does not linger on the broker
 * @param trace the edge's span of the request's trace, as the {@code traceparent} user property
 */
public record ReplyProperties(long expirySeconds, TraceParent trace) {

  /** Checks the values. */
  public ReplyProperties {
    if (expirySeconds < 1) {
      throw new IllegalArgumentException("expirySeconds must be >= 1: " + expirySeconds);
    }
    Objects.requireNonNull(trace, "trace");
  }

  /** The properties of a reply with {@code msLeft} milliseconds of deadline plus grace left. */
  public static ReplyProperties of(long msLeft, TraceParent trace) {
    return new ReplyProperties(Math.max(1, Math.ceilDiv(msLeft, 1000L)), trace);
  }
}
