package io.dynasplit.edge.inference;

/**
 * A job of one request for the {@link HeadInferenceVerticle}, which skips it when the request's
 * deadline plus grace passed while it waited for a worker (its reply has gone out by then).
 */
public sealed interface EdgeJob permits PrepareJob, InferenceJob, FinishJob {

  /** When the request is given up (its deadline plus grace), {@link System#nanoTime()} scale. */
  long stopNanos();

  /** Whether the request was given up by {@code nowNanos}. */
  default boolean expired(long nowNanos) {
    return nowNanos - stopNanos() > 0;
  }
}
