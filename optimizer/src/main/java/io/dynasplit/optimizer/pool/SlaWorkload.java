package io.dynasplit.optimizer.pool;

import java.util.Arrays;
import java.util.Objects;

/**
 * A request workload: one latency SLA per request, in arrival order (the paper's {@code
 * network_latency_*_samples.csv} for one network).
 */
public final class SlaWorkload {

  private final String network;
  private final double[] slasMs;

  /**
   * A workload from its SLAs.
   *
   * @param network the network the requests are for
   * @param slasMs the SLAs in ms, each finite and {@code > 0}; copied
   */
  public SlaWorkload(String network, double[] slasMs) {
    this.network = Objects.requireNonNull(network, "network");
    this.slasMs = slasMs.clone();
    if (this.slasMs.length == 0) {
      throw new IllegalArgumentException("slasMs must not be empty");
    }
    for (int i = 0; i < this.slasMs.length; i++) {
      if (!(this.slasMs[i] > 0) || Double.isInfinite(this.slasMs[i])) {
        throw new IllegalArgumentException(
            "slasMs[" + i + "] must be a finite number > 0: " + this.slasMs[i]);
      }
    }
  }

  /** The network name. */
  public String network() {
    return network;
  }

  /** Number of requests. */
  public int size() {
    return slasMs.length;
  }

  /** The SLA of request {@code i} in ms. */
  public double slaMs(int i) {
    return slasMs[i];
  }

  /** The SLAs in request order (a copy). */
  public double[] slasMs() {
    return slasMs.clone();
  }

  @Override
  public String toString() {
    double[] sorted = slasMs.clone();
    Arrays.sort(sorted);
    return "SlaWorkload[network="
        + network
        + ", requests="
        + slasMs.length
        + ", slaMs="
        + sorted[0]
        + ".."
        + sorted[sorted.length - 1]
        + "]";
  }
}
