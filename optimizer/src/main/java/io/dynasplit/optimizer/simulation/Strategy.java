package io.dynasplit.optimizer.simulation;

import io.dynasplit.scheduler.Policy;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A strategy the simulator replays: one of the scheduler's {@link Policy policies}, or the {@code
 * oracle} that knows the scenario.
 *
 * @param name the name in reports
 * @param policy the scheduler policy; null for the oracle
 */
public record Strategy(String name, Policy policy) {

  /**
   * The oracle: the least-energy measured configuration (front or not) whose mean latency under the
   * true current conditions meets the SLA; a bound on expected values.
   */
  public static final Strategy ORACLE = new Strategy("oracle", null);

  /** Checks the name. */
  public Strategy {
    Objects.requireNonNull(name, "name");
    if (policy != null && !policy.wireName().equals(name)) {
      throw new IllegalArgumentException(
          "name must be the policy's name '" + policy.wireName() + "': " + name);
    }
  }

  /** The strategy of a policy. */
  public static Strategy of(Policy policy) {
    return new Strategy(policy.wireName(), policy);
  }

  /** Whether this is the oracle. */
  public boolean isOracle() {
    return policy == null;
  }

  /** Parses one strategy name: a policy name or {@code oracle}. */
  public static Strategy parse(String name) {
    String n = Objects.requireNonNull(name, "name").trim().toLowerCase(Locale.ROOT);
    if (n.equals(ORACLE.name)) {
      return ORACLE;
    }
    try {
      return of(Policy.of(n));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "strategy must be one of dynasplit, adaptive, oracle, cloud, edge, energy, latency: "
              + name);
    }
  }

  /** Parses a comma-separated list, keeping its order and dropping repeats. */
  public static List<Strategy> parseList(String list) {
    LinkedHashSet<Strategy> out = new LinkedHashSet<>();
    for (String part : Objects.requireNonNull(list, "list").split(",")) {
      if (!part.isBlank()) {
        out.add(parse(part));
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException(
          "strategies must name at least one strategy: '" + list + "'");
    }
    return new ArrayList<>(out);
  }

  @Override
  public String toString() {
    return name;
  }
}
