package io.dynasplit.schemas;

import java.util.Objects;

/**
 * One configuration of a Pareto front with the figures the scheduler needs (ARCHITECTURE 6).
 *
 * <p>Times are milliseconds per request, energies joules per request, as measured (or replayed)
 * under the profiling conditions. {@code latencyMs} is the mean or median end-to-end latency;
 * {@code latencyP95Ms} its 95th percentile where known (else equal to {@code latencyMs}).
 *
 * @param config the configuration
 * @param latencyMs end-to-end latency
 * @param latencyP95Ms 95th percentile of the end-to-end latency
 * @param headMs edge compute time (the head)
 * @param transferMs time to move the intermediate tensor to the cloud and the answer back
 * @param tailMs cloud compute time (the tail)
 * @param bytes size of the encoded intermediate tensor; 0 when nothing is sent
 * @param edgeEnergyJ edge energy
 * @param cloudEnergyJ cloud energy
 * @param fidelity output fidelity in [0, 1] (top-1 accuracy or agreement, cosine similarity); null
 *     when unknown
 * @param samples how many measurements the figures summarize
 */
public record FrontEntry(
    Configuration config,
    double latencyMs,
    double latencyP95Ms,
    double headMs,
    double transferMs,
    double tailMs,
    long bytes,
    double edgeEnergyJ,
    double cloudEnergyJ,
    Double fidelity,
    int samples) {

  /** Checks every figure. */
  public FrontEntry {
    Objects.requireNonNull(config, "config");
    nonNegative("latencyMs", latencyMs);
    nonNegative("latencyP95Ms", latencyP95Ms);
    nonNegative("headMs", headMs);
    nonNegative("transferMs", transferMs);
    nonNegative("tailMs", tailMs);
    nonNegative("edgeEnergyJ", edgeEnergyJ);
    nonNegative("cloudEnergyJ", cloudEnergyJ);
    if (bytes < 0) {
      throw new IllegalArgumentException("bytes must be >= 0: " + bytes);
    }
    if (fidelity != null && !(fidelity >= 0 && fidelity <= 1)) {
      throw new IllegalArgumentException("fidelity must be in [0, 1] or null: " + fidelity);
    }
    if (samples < 0) {
      throw new IllegalArgumentException("samples must be >= 0: " + samples);
    }
  }

  /** A copy that summarizes {@code n} samples, the figures unchanged. */
  public FrontEntry withSamples(int n) {
    return new FrontEntry(
        config,
        latencyMs,
        latencyP95Ms,
        headMs,
        transferMs,
        tailMs,
        bytes,
        edgeEnergyJ,
        cloudEnergyJ,
        fidelity,
        n);
  }

  /** Total energy per request, edge plus cloud. */
  public double energyJ() {
    return edgeEnergyJ + cloudEnergyJ;
  }

  private static void nonNegative(String name, double v) {
    if (!(v >= 0) || Double.isInfinite(v)) {
      throw new IllegalArgumentException(name + " must be a finite number >= 0: " + v);
    }
  }
}
