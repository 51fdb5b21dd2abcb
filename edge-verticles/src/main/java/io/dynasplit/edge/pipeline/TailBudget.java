package io.dynasplit.edge.pipeline;

/**
 * The time budget of a split request's tail, plain arithmetic with no Vert.x in it: how long the
 * edge waits for the cloud, and whether its own tail (the local fallback) still fits before the
 * deadline when the cloud did not answer.
 *
 * @param localTailMs the expected time of the tail on the edge, from the front
 */
record TailBudget(double localTailMs) {

  /** The local tail's expected time is reserved with half again as margin. */
  static final double RESERVE_FACTOR = 1.5;

  /** Time kept, beyond the reserved local tail, for deciding on and starting a fallback. */
  static final double FALLBACK_MARGIN_MS = 10;

  TailBudget {
    if (!(localTailMs >= 0) || Double.isInfinite(localTailMs)) {
      throw new IllegalArgumentException(
          "localTailMs must be a finite number >= 0: " + localTailMs);
    }
  }

  /**
   * How long to wait for the cloud: as long as a local tail (reserved with its margin) could still
   * meet the deadline; when it cannot anyway, until the deadline itself. At least 1 ms.
   *
   * @param untilDeadlineNanos nanoseconds from now to the request's deadline
   */
  long cloudWaitMs(long untilDeadlineNanos) {
    long reserveNanos = (long) ((localTailMs * RESERVE_FACTOR + FALLBACK_MARGIN_MS) * 1e6);
    long waitNanos =
        untilDeadlineNanos - reserveNanos > 0
            ? untilDeadlineNanos - reserveNanos
            : untilDeadlineNanos;
    return Math.max(1, waitNanos / 1_000_000L);
  }

  /**
   * The message expiry of the tail call, whole seconds and at least 1: the time to the deadline,
   * rounded up past it.
   */
  static long expirySeconds(long untilDeadlineNanos) {
    return Math.max(1, (untilDeadlineNanos / 1_000_000_000L) + 1);
  }

  /**
   * Whether the edge may run the tail itself when the cloud did not answer: its expected time fits
   * in what is left before the deadline. When it does not, the reply is {@code CLOUD_UNAVAILABLE}.
   */
  boolean localTailFits(double leftMs) {
    return localTailMs <= leftMs;
  }
}
