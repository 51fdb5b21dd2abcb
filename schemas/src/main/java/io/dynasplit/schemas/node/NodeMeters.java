package io.dynasplit.schemas.node;

import io.dynasplit.schemas.EnergySource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.util.concurrent.TimeUnit;

/**
 * The meter registry of one node, with the node's common tags added once, and the meters both sides
 * keep under one name (Prometheus needs one name to mean one thing, with one help text).
 */
public final class NodeMeters {

  /** The tag that names a node's role: {@code edge} or {@code cloud}. */
  public static final String ROLE = "role";

  /** The tag that names a node: its edge id or worker id. */
  public static final String NODE = "node";

  /**
   * Joules, by {@code side} ({@code edge}, {@code cloud}) and {@code source}; both sides keep it.
   */
  public static final String ENERGY = "dynasplit.energy";

  private NodeMeters() {}

  /** The energy counter of a side and source in {@code registry}. */
  public static Counter energy(MeterRegistry registry, String side, EnergySource source) {
    return Counter.builder(ENERGY)
        .description("energy of the requests served, by side and by the source of the figure")
        .baseUnit("joules")
        .tags("side", side, "source", source.wireName())
        .register(registry);
  }

  /** Records a duration given in milliseconds (negative ones as 0). */
  public static void record(Timer timer, double ms) {
    timer.record(Math.max(0, Math.round(ms * 1e6)), TimeUnit.NANOSECONDS);
  }

  /**
   * A registry that adds {@code role} and {@code node} to every meter and passes it on to {@code
   * shared}, so that several nodes in one process ({@code dynasplit up}) can share one Prometheus
   * registry, each under its own tags.
   */
  public static MeterRegistry tagged(MeterRegistry shared, String role, String node) {
    CompositeMeterRegistry own = new CompositeMeterRegistry();
    own.config().commonTags(ROLE, role, NODE, node);
    own.add(shared);
    return own;
  }
}
