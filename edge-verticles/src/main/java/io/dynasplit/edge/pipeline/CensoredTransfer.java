package io.dynasplit.edge.pipeline;

import io.dynasplit.schemas.FrontEntry;

/**
 * A tail call that the cloud did not answer before the edge stopped waiting: its transfer took at
 * least {@code atLeastMs} for {@code bytes}, by how much longer is not known. The scheduler takes
 * it as a transfer of {@link #ASSUMED_FACTOR} times that ({@link #assumedMs}), so that a channel
 * too slow for any answer to come back still moves the live bandwidth estimate; otherwise only
 * answered calls would, and an edge whose channel slowed past its deadlines would keep choosing the
 * configurations that no longer answer. Taking the wait itself would not do: the configurations
 * that timed out would still look the fastest of the late ones. Repeated timeouts keep the estimate
 * up until an answered transfer, or the estimate's age limit, brings it back. A cloud too busy to
 * answer in time is taken for a slow channel: both make the same configurations late.
 *
 * @param entry the front entry that ran
 * @param bytes the intermediate bytes sent, {@code > 0}
 * @param atLeastMs how long the edge waited for the answer
 */
public record CensoredTransfer(FrontEntry entry, long bytes, double atLeastMs) {

  /** How many times the wait a timed-out transfer is taken to have lasted. */
  public static final double ASSUMED_FACTOR = 2;

  /** The transfer time the scheduler takes for it. */
  public double assumedMs() {
    return atLeastMs * ASSUMED_FACTOR;
  }

  /** Checks the values. */
  public CensoredTransfer {
    java.util.Objects.requireNonNull(entry, "entry");
    if (bytes <= 0) {
      throw new IllegalArgumentException("bytes must be > 0: " + bytes);
    }
    if (!(atLeastMs >= 0) || Double.isInfinite(atLeastMs)) {
      throw new IllegalArgumentException("atLeastMs must be a finite number >= 0: " + atLeastMs);
    }
  }
}
