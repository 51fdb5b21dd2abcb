package io.dynasplit.edge.pipeline;

import io.dynasplit.schemas.mqtt.TraceParent;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * One tail request for the cloud: an encoded tensor frame and how long to wait for its answer.
 *
 * @param requestId the request's id, for logs
 * @param frame the encoded tensor frame (header plus intermediate tensors); not copied
 * @param waitMs how long to wait for the answer before giving up, > 0
 * @param expirySeconds MQTT message expiry of the published frame, so that a broker with no cloud
 *     worker drops it instead of delivering it after the deadline
 * @param trace the edge's span of the request's trace, sent as the {@code traceparent} user
 *     property
 */
public record TailCall(
    String requestId, ByteBuffer frame, long waitMs, long expirySeconds, TraceParent trace) {

  /** Checks the values. */
  public TailCall {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(frame, "frame");
    Objects.requireNonNull(trace, "trace");
    if (waitMs < 1) {
      throw new IllegalArgumentException("waitMs must be >= 1: " + waitMs);
    }
    if (expirySeconds < 1) {
      throw new IllegalArgumentException("expirySeconds must be >= 1: " + expirySeconds);
    }
  }
}
