package io.dynasplit.optimizer;

import io.dynasplit.schemas.FrontEntry;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * The objectives a search minimizes (on their {@link Objective#scale scales}): always latency and
 * energy, and fidelity where it varies by more than {@link #FIDELITY_TOLERANCE}.
 *
 * @param list the objectives, latency and energy first
 */
public record Objectives(List<Objective> list) {

  /** Latency and energy. */
  public static final Objectives LATENCY_ENERGY =
      new Objectives(List.of(Objective.LATENCY, Objective.ENERGY));

  /** Latency, energy and fidelity. */
  public static final Objectives LATENCY_ENERGY_FIDELITY =
      new Objectives(List.of(Objective.LATENCY, Objective.ENERGY, Objective.FIDELITY));

  /**
   * The figures an unmeasurable configuration gets (a pool without a run of it): {@code 1e7} ms
   * (about 3 hours), {@code 1e5} J and fidelity 0, worse than any real measurement, so it is
   * dominated by every measured configuration and never enters a front.
   */
  public static final double PENALTY_LATENCY_MS = 1e7;

  /** See {@link #PENALTY_LATENCY_MS}. */
  public static final double PENALTY_ENERGY_J = 1e5;

  /** Checks the list. */
  public Objectives {
    list = List.copyOf(Objects.requireNonNull(list, "list"));
    if (list.size() < 2 || list.get(0) != Objective.LATENCY || list.get(1) != Objective.ENERGY) {
      throw new IllegalArgumentException("objectives must start with latency, energy: " + list);
    }
    if (list.stream().distinct().count() != list.size()) {
      throw new IllegalArgumentException("objectives must not repeat: " + list);
    }
  }

  /**
   * How far fidelities must spread before fidelity counts as an objective: 0.01, one point of top-1
   * accuracy. The paper's VGG16 pool spreads 0.603 to 0.611, each measured on 1,000 images, whose
   * sampling error alone is about 0.015: a difference the search should not trade latency or energy
   * for.
   */
  public static final double FIDELITY_TOLERANCE = 0.01;

  /**
   * Latency and energy, plus fidelity if every entry has one and they spread by more than {@link
   * #FIDELITY_TOLERANCE}.
   *
   * @param entries the figures the search will see (such as a pool's means)
   */
  public static Objectives forEntries(Collection<FrontEntry> entries) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (FrontEntry e : entries) {
      if (e.fidelity() == null) {
        return LATENCY_ENERGY;
      }
      min = Math.min(min, e.fidelity());
      max = Math.max(max, e.fidelity());
    }
    return max - min > FIDELITY_TOLERANCE ? LATENCY_ENERGY_FIDELITY : LATENCY_ENERGY;
  }

  /** Number of objectives. */
  public int size() {
    return list.size();
  }

  /** Whether fidelity is one of them. */
  public boolean hasFidelity() {
    return list.contains(Objective.FIDELITY);
  }

  /** The scaled objective vector of an entry. */
  public double[] scaled(FrontEntry e) {
    double[] v = new double[list.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = list.get(i).scaled(e);
    }
    return v;
  }

  /** The scaled vector of an unmeasurable configuration (see {@link #PENALTY_LATENCY_MS}). */
  public double[] penalty() {
    double[] v = new double[list.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] =
          switch (list.get(i)) {
            case LATENCY -> Objective.LATENCY.scale(PENALTY_LATENCY_MS);
            case ENERGY -> Objective.ENERGY.scale(PENALTY_ENERGY_J);
            case FIDELITY -> Objective.FIDELITY.scale(0);
          };
    }
    return v;
  }

  /**
   * Whether {@code a} Pareto-dominates {@code b}: no worse in every objective and better in one.
   */
  public boolean dominates(FrontEntry a, FrontEntry b) {
    boolean better = false;
    for (Objective o : list) {
      double x = o.scaled(a);
      double y = o.scaled(b);
      if (x > y) {
        return false;
      }
      if (x < y) {
        better = true;
      }
    }
    return better;
  }

  /** The names, comma separated ({@code latency,energy,fidelity}). */
  @Override
  public String toString() {
    return String.join(",", list.stream().map(Objective::wireName).toList());
  }
}
