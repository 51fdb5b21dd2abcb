package io.dynasplit.schemas;

/**
 * Where a tail request's time went on the cloud worker, in milliseconds.
 *
 * @param queueMs from receipt to the start of the tail
 * @param computeMs the tail inference, decode and encode included
 */
public record TailTiming(double queueMs, double computeMs) {

  /** Checks that both figures are finite and non-negative. */
  public TailTiming {
    Checks.nonNegative("timing.queueMs", queueMs);
    Checks.nonNegative("timing.computeMs", computeMs);
  }

  /** Queue plus compute. */
  public double totalMs() {
    return queueMs + computeMs;
  }
}
