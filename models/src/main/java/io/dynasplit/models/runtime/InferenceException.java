package io.dynasplit.models.runtime;

import io.dynasplit.schemas.ErrorCode;
import java.util.Objects;

/** An inference that could not run, with a reason a caller can map to an error reply. */
public final class InferenceException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Why an inference failed. */
  public enum Reason {
    /** The model (or this part of it) could not be found or loaded. */
    MODEL_UNAVAILABLE,
    /** The execution provider asked for is not available in this runtime. */
    PROVIDER_UNAVAILABLE,
    /** The inputs do not match the session's inputs (names, types, shapes). */
    BAD_INPUT,
    /** ONNX Runtime failed while running. */
    RUNTIME
  }

  private final Reason reason;

  /** An exception with a reason and a message that says what went wrong. */
  public InferenceException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /** An exception with a reason and a message, without a cause. */
  public InferenceException(Reason reason, String message) {
    this(reason, message, null);
  }

  /** Why it failed. */
  public Reason reason() {
    return reason;
  }

  /**
   * The one mapping from an inference failure to the error code a reply carries, the same on the
   * edge and the cloud: inputs that do not fit are the sender's {@code BAD_REQUEST}, a model (or
   * part) that cannot be found or loaded is {@code UNKNOWN_MODEL}, a missing execution provider or
   * a failure inside ONNX Runtime is {@code INTERNAL}.
   */
  public ErrorCode errorCode() {
    return switch (reason) {
      case BAD_INPUT -> ErrorCode.BAD_REQUEST;
      case MODEL_UNAVAILABLE -> ErrorCode.UNKNOWN_MODEL;
      case PROVIDER_UNAVAILABLE, RUNTIME -> ErrorCode.INTERNAL;
    };
  }
}
