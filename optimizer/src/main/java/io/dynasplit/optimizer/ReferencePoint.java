package io.dynasplit.optimizer;

import io.dynasplit.schemas.FrontEntry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The reference point of a hypervolume, on the objectives' scales: a point worse than every entry
 * that counts, so each contributes.
 *
 * <p>{@link #covering} takes, per objective, the worst scaled value of the given entries plus a
 * margin: {@value #LOG_MARGIN} decades for latency and energy (the worst figure times 1.26) and
 * {@value #FIDELITY_MARGIN} for the fidelity loss. Fronts are comparable only under one reference
 * point: compare two fronts with a point covering both, or many with one covering the whole pool.
 *
 * @param objectives the objectives
 * @param scaled one coordinate per objective, on its scale
 */
public record ReferencePoint(Objectives objectives, List<Double> scaled) {

  /** Margin beyond the worst entry on the log scales, in decades. */
  public static final double LOG_MARGIN = 0.1;

  /** Margin beyond the worst entry on the fidelity-loss scale. */
  public static final double FIDELITY_MARGIN = 0.01;

  /** Checks the coordinates. */
  public ReferencePoint {
    Objects.requireNonNull(objectives, "objectives");
    scaled = List.copyOf(Objects.requireNonNull(scaled, "scaled"));
    if (scaled.size() != objectives.size()) {
      throw new IllegalArgumentException(
          "scaled must have " + objectives.size() + " coordinates: " + scaled);
    }
    for (Double d : scaled) {
      if (!Double.isFinite(d)) {
        throw new IllegalArgumentException("scaled coordinates must be finite: " + scaled);
      }
    }
  }

  /**
   * The point just worse than every given entry (see the class comment).
   *
   * @throws IllegalArgumentException if no entry is given
   */
  @SafeVarargs
  public static ReferencePoint covering(
      Objectives objectives, Collection<FrontEntry>... entrySets) {
    double[] worst = new double[objectives.size()];
    Arrays.fill(worst, Double.NEGATIVE_INFINITY);
    for (Collection<FrontEntry> set : entrySets) {
      for (FrontEntry e : set) {
        double[] v = objectives.scaled(e);
        for (int i = 0; i < v.length; i++) {
          worst[i] = Math.max(worst[i], v[i]);
        }
      }
    }
    List<Double> out = new ArrayList<>();
    for (int i = 0; i < worst.length; i++) {
      if (worst[i] == Double.NEGATIVE_INFINITY) {
        throw new IllegalArgumentException("a reference point needs at least one entry");
      }
      out.add(
          worst[i]
              + (objectives.list().get(i) == Objective.FIDELITY ? FIDELITY_MARGIN : LOG_MARGIN));
    }
    return new ReferencePoint(objectives, out);
  }

  /** The point in raw units, for reports ({@code latency 6162.4 ms, energy 88.6 J}). */
  public String describe() {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < scaled.size(); i++) {
      Objective o = objectives.list().get(i);
      double s = scaled.get(i);
      if (i > 0) {
        b.append(", ");
      }
      switch (o) {
        case LATENCY -> b.append(String.format(Locale.ROOT, "latency %.1f ms", Math.pow(10, s)));
        case ENERGY -> b.append(String.format(Locale.ROOT, "energy %.3f J", Math.pow(10, s)));
        case FIDELITY -> b.append(String.format(Locale.ROOT, "fidelity %.4f", 1 - s));
      }
    }
    return b.toString();
  }
}
