package io.dynasplit.edge.pipeline;

import io.dynasplit.schemas.ErrorCode;
import java.util.Objects;

/** A request that cannot be answered with an output, with the error code of its reply. */
public final class PipelineException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final ErrorCode code;

  /** An exception with the reply's error code and message. */
  public PipelineException(ErrorCode code, String message) {
    super(message, null, false, false);
    this.code = Objects.requireNonNull(code, "code");
  }

  /** The reply's error code. */
  public ErrorCode code() {
    return code;
  }
}
