package io.dynasplit.schemas;

/**
 * A tensor frame that cannot be decoded (or metadata that does not fit its type), with a message
 * that says what is wrong. It is the only exception {@link FrameCodec#decode} throws for bad input,
 * whatever the bytes; the edge answers it with {@code BAD_REQUEST}.
 */
public final class FrameCodecException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  /** An error with a message. */
  public FrameCodecException(String message) {
    super(message);
  }

  /** An error with a message and the cause. */
  public FrameCodecException(String message, Throwable cause) {
    super(message, cause);
  }
}
