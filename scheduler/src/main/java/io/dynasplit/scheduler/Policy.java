package io.dynasplit.scheduler;

import java.util.Locale;

/** How a configuration is picked from a model's front for one request. */
public enum Policy {
  /**
   * The DynaSplit paper's rule over the front as measured: the least mean energy among the entries
   * whose front latency meets the SLA, else the fastest entry.
   */
  DYNASPLIT("dynasplit"),
  /**
   * The same rule over live predictions (ARCHITECTURE 6): front figures scaled by the live channel,
   * cloud and edge estimates at a configurable quantile, plus queues and the cost of switching
   * hardware from the current state.
   */
  ADAPTIVE("adaptive"),
  /**
   * Everything in the cloud: the {@link Baselines#cloud all-cloud baseline} (split 0, GPU, highest
   * frequency), whatever the SLA.
   */
  CLOUD("cloud"),
  /**
   * Everything on the edge: the {@link Baselines#edge all-edge baseline} (highest frequency,
   * fastest), whatever the SLA.
   */
  EDGE("edge"),
  /** The single cheapest entry of the front, whatever the SLA. */
  ENERGY("energy"),
  /** The single fastest entry of the front, whatever the SLA. */
  LATENCY("latency");

  private final String wireName;

  Policy(String wireName) {
    this.wireName = wireName;
  }

  /** The name used on the command line, in requests and in reports. */
  public String wireName() {
    return wireName;
  }

  /** Parses a policy name, case-insensitively. */
  public static Policy of(String name) {
    if (name != null) {
      String n = name.trim().toLowerCase(Locale.ROOT);
      for (Policy p : values()) {
        if (p.wireName.equals(n)) {
          return p;
        }
      }
    }
    throw new IllegalArgumentException(
        "policy must be one of dynasplit, adaptive, cloud, edge, energy, latency: " + name);
  }

  @Override
  public String toString() {
    return wireName;
  }
}
