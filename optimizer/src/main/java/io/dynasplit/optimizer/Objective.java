package io.dynasplit.optimizer;

import io.dynasplit.schemas.FrontEntry;

/**
 * One objective of the search, and how it is scaled for comparisons: latency and energy span orders
 * of magnitude, so they are compared on a base-10 log scale; fidelity lies in [0, 1] and is
 * compared as its loss {@code 1 - fidelity}. Every scaled objective is minimized.
 */
public enum Objective {
  /** End-to-end latency in ms, scaled {@code log10(ms)}. */
  LATENCY("latency") {
    @Override
    public double raw(FrontEntry e) {
      return e.latencyMs();
    }

    @Override
    public double scale(double raw) {
      return Math.log10(Math.max(raw, MIN_POSITIVE));
    }
  },
  /** Energy per request in J (edge plus cloud), scaled {@code log10(J)}. */
  ENERGY("energy") {
    @Override
    public double raw(FrontEntry e) {
      return e.energyJ();
    }

    @Override
    public double scale(double raw) {
      return Math.log10(Math.max(raw, MIN_POSITIVE));
    }
  },
  /** Fidelity in [0, 1] (higher is better), scaled as the loss {@code 1 - fidelity}. */
  FIDELITY("fidelity") {
    @Override
    public double raw(FrontEntry e) {
      return e.fidelity() == null ? 0 : e.fidelity();
    }

    @Override
    public double scale(double raw) {
      return 1 - raw;
    }
  };

  /**
   * Latencies and energies below this (1 microsecond, 1 microjoule) count as this on the log scale.
   */
  public static final double MIN_POSITIVE = 1e-6;

  private final String wireName;

  Objective(String wireName) {
    this.wireName = wireName;
  }

  /** The objective's figure of an entry, in its own unit (an unknown fidelity counts as 0). */
  public abstract double raw(FrontEntry e);

  /** The figure on the scale where it is minimized and compared. */
  public abstract double scale(double raw);

  /** The scaled figure of an entry. */
  public double scaled(FrontEntry e) {
    return scale(raw(e));
  }

  /** The name used on the command line and in reports. */
  public String wireName() {
    return wireName;
  }

  @Override
  public String toString() {
    return wireName;
  }
}
