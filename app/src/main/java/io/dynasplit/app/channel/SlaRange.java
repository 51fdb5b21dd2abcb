package io.dynasplit.app.channel;

import io.dynasplit.scheduler.FrontIndex;
import io.dynasplit.schemas.FrontEntry;
import io.dynasplit.schemas.ParetoFront;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The SLAs of a throttled-channel run, drawn uniformly from {@code [fromMs, toMs]}: from a fifth
 * above the fastest split configuration's p95 (the tightest SLA a split still meets) to half again
 * the whole model on the edge's p95 (loose enough for the edge alone).
 *
 * @param fromMs the tightest SLA
 * @param toMs the loosest SLA
 */
public record SlaRange(long fromMs, long toMs) {

  /** Checks the bounds. */
  public SlaRange {
    if (fromMs < 1 || toMs < fromMs) {
      throw new IllegalArgumentException("need 1 <= fromMs <= toMs: " + fromMs + ", " + toMs);
    }
  }

  /**
   * The range of a front profiled through the channel.
   *
   * @throws IllegalStateException when the front has no all-edge entry or no entry that sends
   *     bytes, or when no split configuration is clearly faster than the whole model on the edge
   *     (the emulated edge is not slow enough for the channel to matter)
   */
  public static SlaRange of(ParetoFront front) {
    FrontIndex index = FrontIndex.of(front);
    if (index.edgeOnly() < 0) {
      throw new IllegalStateException("the profiled front has no all-edge entry");
    }
    FrontEntry allEdge = index.entry(index.edgeOnly());
    double fastestSplit =
        front.entries().stream()
            .filter(e -> e.bytes() > 0)
            .mapToDouble(FrontEntry::latencyP95Ms)
            .min()
            .orElseThrow(() -> new IllegalStateException("the profiled front sends nothing"));
    if (fastestSplit * 1.2 >= allEdge.latencyMs()) {
      throw new IllegalStateException(
          String.format(
              Locale.ROOT,
              "the emulated edge is not slow enough: the fastest split configuration (p95 %.1f ms)"
                  + " is not clearly faster than the whole model on the edge (%.1f ms); raise the"
                  + " edge slowdown",
              fastestSplit,
              allEdge.latencyMs()));
    }
    return new SlaRange(Math.round(fastestSplit * 1.2), Math.round(allEdge.latencyP95Ms() * 1.5));
  }

  /** {@code n} SLAs drawn with {@code seed}. */
  public long[] draw(int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    long[] out = new long[n];
    for (int i = 0; i < n; i++) {
      out[i] = random.nextLong(fromMs, toMs + 1);
    }
    return out;
  }

  @Override
  public String toString() {
    return fromMs + " to " + toMs + " ms";
  }
}
