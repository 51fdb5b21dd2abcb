package io.dynasplit.models.runtime;

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
}
