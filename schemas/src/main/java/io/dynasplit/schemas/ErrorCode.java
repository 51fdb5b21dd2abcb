package io.dynasplit.schemas;

import com.fasterxml.jackson.annotation.JsonCreator;

/** The reason of an error reply (ARCHITECTURE 4.5); the wire name is the constant's name. */
public enum ErrorCode {
  /**
   * The request is malformed: not JSON, a bad frame, bad base64, a wrong shape, a missing field.
   */
  BAD_REQUEST,
  /** The request names a model this edge does not serve. */
  UNKNOWN_MODEL,
  /** No configuration can meet the SLA and the request asked to fail rather than be late. */
  SLA_INFEASIBLE,
  /** The edge's (or cloud worker's) queue is full. */
  OVERLOADED,
  /** The cloud did not answer in time and the edge could not run the tail itself. */
  CLOUD_UNAVAILABLE,
  /** Anything else that failed on our side. */
  INTERNAL,
  /**
   * The request was already too late when it reached the edge: its MQTT 5 message expiry had run
   * out on the way (the broker forwarded 0 s of it); it was not run.
   */
  DEADLINE_EXCEEDED;

  /** Parses a wire name (exact, upper case). */
  @JsonCreator
  public static ErrorCode of(String name) {
    if (name != null) {
      for (ErrorCode c : values()) {
        if (c.name().equals(name)) {
          return c;
        }
      }
    }
    throw new IllegalArgumentException(
        "error code must be one of " + java.util.Arrays.toString(values()) + ": " + name);
  }
}
