package io.dynasplit.optimizer.pool;

import io.dynasplit.schemas.Configuration;
import io.dynasplit.schemas.FrontEntry;
import java.util.Objects;

/**
 * One measured run of one configuration: a row of a simulation pool.
 *
 * <p>Times are milliseconds per request, energies joules per request; in the paper's pool each row
 * averages 1,000 images.
 *
 * @param config the configuration measured
 * @param latencyMs end-to-end latency
 * @param latencyP95Ms 95th percentile of the end-to-end latency; equal to {@code latencyMs} when
 *     unknown (the paper's pool records means only)
 * @param headMs edge compute time
 * @param transferMs transfer time of the intermediate tensor and the answer
 * @param tailMs cloud compute time
 * @param bytes size of the intermediate tensor; 0 when nothing is sent
 * @param edgeEnergyJ edge energy
 * @param cloudEnergyJ cloud energy (GPU included)
 * @param fidelity top-1 accuracy or agreement in [0, 1], or null when unknown
 */
public record Measurement(
    Configuration config,
    double latencyMs,
    double latencyP95Ms,
    double headMs,
    double transferMs,
    double tailMs,
    long bytes,
    double edgeEnergyJ,
    double cloudEnergyJ,
    Double fidelity) {

  /** Checks every figure. */
  public Measurement {
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
  }

  /**
   * A measurement from one front entry (its figures, whatever number of samples they summarize).
   */
  public static Measurement of(FrontEntry e) {
    return new Measurement(
        e.config(),
        e.latencyMs(),
        e.latencyP95Ms(),
        e.headMs(),
        e.transferMs(),
        e.tailMs(),
        e.bytes(),
        e.edgeEnergyJ(),
        e.cloudEnergyJ(),
        e.fidelity());
  }

  /** Total energy, edge plus cloud. */
  public double energyJ() {
    return edgeEnergyJ + cloudEnergyJ;
  }

  /** This run as a front entry of one sample. */
  public FrontEntry toEntry() {
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
        1);
  }

  private static void nonNegative(String name, double v) {
    if (!(v >= 0) || Double.isInfinite(v)) {
      throw new IllegalArgumentException(name + " must be a finite number >= 0: " + v);
    }
  }
}
