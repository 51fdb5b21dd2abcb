package io.dynasplit.app.demo;

import io.dynasplit.cloud.EmulatedConditions;
import java.util.List;

/**
 * The conditions a demo run goes through, as phases over the workload's requests: each phase holds
 * from its share of the workload until the next. The conditions are emulated on the cloud worker
 * ({@link EmulatedConditions}: a slow uplink, a busy cloud); every policy runs the same phases.
 *
 * @param phases the phases, the first from 0, in order of their start
 */
public record DemoScenario(List<Phase> phases) {

  /**
   * One phase.
   *
   * @param name what it is, for the report (such as {@code bandwidth drop})
   * @param from its start as a share of the workload, in [0, 1)
   * @param setting what the cloud worker emulates during it
   */
  public record Phase(String name, double from, EmulatedConditions.Setting setting) {}

  /** Checks the phases. */
  public DemoScenario {
    phases = List.copyOf(phases);
    if (phases.isEmpty() || phases.get(0).from() != 0) {
      throw new IllegalArgumentException("the first phase must start at 0");
    }
    for (int i = 1; i < phases.size(); i++) {
      if (!(phases.get(i).from() > phases.get(i - 1).from()) || phases.get(i).from() >= 1) {
        throw new IllegalArgumentException("phases must start in order, each in [0, 1)");
      }
    }
  }

  /**
   * The demo's scenario: normal, a bandwidth drop (the uplink at {@code dropMbps}), normal again, a
   * busy cloud (tails {@code slowdown} times longer), and normal to the end.
   */
  public static DemoScenario standard(double dropMbps, double slowdown) {
    EmulatedConditions.Setting normal = EmulatedConditions.Setting.NONE;
    return new DemoScenario(
        List.of(
            new Phase("normal", 0, normal),
            new Phase(
                String.format(java.util.Locale.ROOT, "bandwidth drop (%s Mbit/s)", fmt(dropMbps)),
                0.2,
                new EmulatedConditions.Setting(dropMbps, 1)),
            new Phase("normal", 0.45, normal),
            new Phase(
                String.format(java.util.Locale.ROOT, "busy cloud (tails x%s)", fmt(slowdown)),
                0.55,
                new EmulatedConditions.Setting(0, slowdown)),
            new Phase("normal", 0.8, normal)));
  }

  /** The index of the phase request {@code index} of {@code n} falls in. */
  public int phaseOf(int index, int n) {
    int at = 0;
    for (int i = 0; i < phases.size(); i++) {
      if (index >= start(i, n)) {
        at = i;
      }
    }
    return at;
  }

  /** The first request index of phase {@code i} in a workload of {@code n}. */
  public int start(int i, int n) {
    return (int) Math.round(phases.get(i).from() * n);
  }

  private static String fmt(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }
}
