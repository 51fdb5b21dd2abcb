package io.dynasplit.edge.pipeline;

import io.dynasplit.schemas.ErrorCode;
import java.util.Objects;

/**
 * Why a {@link TailCall} got no output from the cloud: it is the reply the tail client sends in
 * place of a {@link TailAnswer}, so that the pipeline can decide to fall back.
 *
 * @param kind what went wrong
 * @param message what went wrong, for logs and error replies
 * @param cloudCode the error code the cloud answered with, or null
 */
public record TailFailure(Kind kind, String message, ErrorCode cloudCode) {

  /** What went wrong. */
  public enum Kind {
    /** No answer before the wait ran out. */
    TIMEOUT,
    /** The frame could not be published. */
    UNREACHABLE,
    /** The cloud answered with an error (or an answer that does not decode). */
    REFUSED
  }

  /** Checks the values. */
  public TailFailure {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(message, "message");
  }
}
