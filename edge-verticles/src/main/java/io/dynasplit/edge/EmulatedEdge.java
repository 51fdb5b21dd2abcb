package io.dynasplit.edge;

/**
 * An emulated slower edge device, for an edge that runs on the same machine as its cloud worker
 * (tests and the demo, where the head and the tail share one CPU): every edge compute step (the
 * head, the whole model, a fallback tail) holds its worker thread after it for {@code (headSlowdown
 * - 1)} times the step's undisturbed compute time, as a device {@code headSlowdown} times slower
 * would take. The undisturbed time is the least of the step's last {@value #RECENT} runs: this
 * machine's contention (other builds, the cloud worker's tails) only ever adds to a run, and
 * multiplying it would turn a 2 ms hiccup into a 40 ms one. The step's reported time includes the
 * hold, so the scheduler sees the slower edge. It is an emulation, never a measurement: nothing is
 * emulated in production ({@link #none()}).
 *
 * <p>Thread-safe: the slowdown can change at any time (a drifting head) while heads run.
 */
public final class EmulatedEdge {

  /** Runs of a step whose least compute time stands for its undisturbed time. */
  static final int RECENT = 16;

  private volatile double headSlowdown = 1;
  private final java.util.Map<String, long[]> recent =
      new java.util.concurrent.ConcurrentHashMap<>();

  private EmulatedEdge() {}

  /** An edge with nothing emulated, until {@link #slowHeadsBy} says otherwise. */
  public static EmulatedEdge none() {
    return new EmulatedEdge();
  }

  /** An edge whose compute steps take {@code factor} times longer. */
  public static EmulatedEdge slowerBy(double factor) {
    EmulatedEdge e = new EmulatedEdge();
    e.slowHeadsBy(factor);
    return e;
  }

  /**
   * From now on every edge compute step takes {@code factor} times its compute time, {@code >= 1}
   * (1: as the machine runs it).
   */
  public void slowHeadsBy(double factor) {
    if (!(factor >= 1) || Double.isInfinite(factor)) {
      throw new IllegalArgumentException("factor must be a finite number >= 1: " + factor);
    }
    headSlowdown = factor;
  }

  /** How many times longer edge compute steps take now. */
  public double headSlowdown() {
    return headSlowdown;
  }

  /**
   * Holds the calling thread as the emulated device would after a run of compute step {@code step}
   * (such as {@code ppocr-cls/12/HEAD}) that took {@code computeNanos}.
   *
   * @return the nanoseconds held (0 with nothing emulated)
   * @implNote blocks; call from a worker thread
   */
  public long holdAfter(String step, long computeNanos) {
    double factor = headSlowdown;
    if (factor == 1 || computeNanos <= 0) {
      return 0;
    }
    long hold = (long) ((factor - 1) * undisturbed(step, computeNanos));
    long until = System.nanoTime() + hold;
    for (long left = hold; left > 0; left = until - System.nanoTime()) {
      java.util.concurrent.locks.LockSupport.parkNanos(left);
      if (Thread.currentThread().isInterrupted()) {
        break;
      }
    }
    return hold;
  }

  /** Records a run of {@code step} and answers the least of its recent runs. */
  private long undisturbed(String step, long computeNanos) {
    long[] runs = recent.computeIfAbsent(step, k -> new long[RECENT + 1]);
    synchronized (runs) {
      // runs[RECENT] counts the runs; the ring holds the last RECENT of them
      int n = (int) Math.min(runs[RECENT], RECENT);
      runs[(int) (runs[RECENT] % RECENT)] = computeNanos;
      runs[RECENT]++;
      long least = computeNanos;
      for (int i = 0; i < n; i++) {
        least = Math.min(least, runs[i]);
      }
      return least;
    }
  }

  @Override
  public String toString() {
    return "EmulatedEdge[headSlowdown=" + headSlowdown + "]";
  }
}
