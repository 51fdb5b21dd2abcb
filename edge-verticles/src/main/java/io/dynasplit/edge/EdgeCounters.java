package io.dynasplit.edge;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The edge's running counts, for telemetry and the bounded admission of requests.
 *
 * @implNote thread-safe; every method is one or two atomic operations.
 */
public final class EdgeCounters {

  private final int maxInFlight;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger inEdgeStage = new AtomicInteger();
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong slaMet = new AtomicLong();
  private final AtomicLong slaMissed = new AtomicLong();
  private final AtomicLong errors = new AtomicLong();
  private final AtomicLong overloaded = new AtomicLong();
  private final AtomicLong lateCloudResults = new AtomicLong();
  private final AtomicLong fallbacks = new AtomicLong();
  private final AtomicLong expiredJobs = new AtomicLong();

  /** Counters with an admission bound. */
  public EdgeCounters(int maxInFlight) {
    if (maxInFlight < 1) {
      throw new IllegalArgumentException("maxInFlight must be >= 1: " + maxInFlight);
    }
    this.maxInFlight = maxInFlight;
  }

  /** Takes an admission slot; false (counted as overloaded) when {@code maxInFlight} are in. */
  public boolean tryAdmit() {
    requests.incrementAndGet();
    while (true) {
      int n = inFlight.get();
      if (n >= maxInFlight) {
        overloaded.incrementAndGet();
        return false;
      }
      if (inFlight.compareAndSet(n, n + 1)) {
        return true;
      }
    }
  }

  /** Gives an admission slot back. */
  public void release() {
    inFlight.decrementAndGet();
  }

  /** Counts a request whose edge inference was handed to the head workers (queued or running). */
  public void enterEdgeStage() {
    inEdgeStage.incrementAndGet();
  }

  /** Counts a request whose edge inference finished (or failed). */
  public void leaveEdgeStage() {
    inEdgeStage.decrementAndGet();
  }

  /**
   * Requests waiting for a head worker: those handed to the edge's inference beyond the {@code
   * headWorkers} that run at once.
   */
  public int waiting(int headWorkers) {
    return Math.max(0, inEdgeStage.get() - headWorkers);
  }

  /** Counts a reply: ok with or without its SLA met, or an error. */
  public void replied(boolean ok, boolean met) {
    if (!ok) {
      errors.incrementAndGet();
    } else if (met) {
      slaMet.incrementAndGet();
    } else {
      slaMissed.incrementAndGet();
    }
  }

  /** Counts a cloud answer that came after its request gave up on it. */
  public void lateCloudResult() {
    lateCloudResults.incrementAndGet();
  }

  /**
   * Counts an edge job skipped because its request's deadline plus grace passed while it waited.
   */
  public void expiredJob() {
    expiredJobs.incrementAndGet();
  }

  /** Edge jobs skipped because their request's deadline plus grace had passed. */
  public long expiredJobs() {
    return expiredJobs.get();
  }

  /** Counts a tail that ran on the edge because the cloud did not answer. */
  public void fallback() {
    fallbacks.incrementAndGet();
  }

  /** Requests admitted and not yet answered. */
  public int inFlight() {
    return inFlight.get();
  }

  /** The admission bound. */
  public int maxInFlight() {
    return maxInFlight;
  }

  /** Requests received. */
  public long requests() {
    return requests.get();
  }

  /** Ok replies that met their SLA. */
  public long slaMet() {
    return slaMet.get();
  }

  /** Ok replies that missed their SLA. */
  public long slaMissed() {
    return slaMissed.get();
  }

  /** Error replies (including {@code OVERLOADED}). */
  public long errors() {
    return errors.get();
  }

  /** Requests refused with {@code OVERLOADED}. */
  public long overloaded() {
    return overloaded.get();
  }

  /** Cloud answers that came too late. */
  public long lateCloudResults() {
    return lateCloudResults.get();
  }

  /** Tails run on the edge after the cloud failed to answer. */
  public long fallbacks() {
    return fallbacks.get();
  }
}
