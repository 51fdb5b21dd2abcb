package io.dynasplit.models.graph;

import java.util.Objects;

/**
 * A model that cannot be loaded, analysed, cut or run, with the {@link Reason} that says why.
 *
 * <p>The message always names the model and the problem, so that a command line can print it as it
 * is.
 */
public final class ModelGraphException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Why a model could not be handled. */
  public enum Reason {
    /** The bytes are not an ONNX model (not a protobuf ModelProto, or no graph in it). */
    NOT_ONNX,
    /** The file ends in the middle of the model. */
    TRUNCATED,
    /** The weights live in external data files that cannot be read. */
    EXTERNAL_DATA,
    /** The graph is malformed: a cycle, a tensor consumed but never produced. */
    INVALID_GRAPH,
    /** A requested split index does not exist or is not a candidate. */
    UNKNOWN_SPLIT,
    /** No split point satisfies the requested limit of crossing tensors. */
    NO_CANDIDATE,
    /** An input shape or element type that the tooling cannot handle or was given wrong. */
    UNSUPPORTED_INPUT,
    /** ONNX Runtime refused or failed to run the model. */
    RUNTIME
  }

  private final Reason reason;

  /** A failure with a reason and a message naming the model and the problem. */
  public ModelGraphException(Reason reason, String message) {
    super(message);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /** A failure with a reason, a message and the exception that caused it. */
  public ModelGraphException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /** Why the model could not be handled. */
  public Reason reason() {
    return reason;
  }
}
