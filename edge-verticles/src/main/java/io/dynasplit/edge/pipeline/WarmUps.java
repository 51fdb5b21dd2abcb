package io.dynasplit.edge.pipeline;

import io.dynasplit.edge.inference.WarmJob;
import io.dynasplit.models.runtime.ExecutionProvider;
import io.dynasplit.schemas.Configuration;
import io.dynasplit.schemas.FrontEntry;
import io.dynasplit.schemas.ParetoFront;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The sessions worth loading before a front's first request: the head and fallback tail of each of
 * its splits, per provider and thread count. A default front, or one with more than {@link
 * #MAX_SPLITS} splits, is not warmed up (its sessions load on first use).
 */
public final class WarmUps {

  /** The most distinct splits of a front that are warmed up. */
  static final int MAX_SPLITS = 16;

  private WarmUps() {}

  public static List<WarmJob> of(ParetoFront front) {
    if (DefaultFronts.SOURCE.equals(front.source())) {
      return List.of();
    }
    Map<String, TreeSet<Integer>> byKnobs = new LinkedHashMap<>();
    TreeSet<Integer> all = new TreeSet<>();
    for (FrontEntry e : front.entries()) {
      Configuration c = e.config();
      if (c.split() == 0 || Configuration.CLOUD_NONE.equals(c.cloudAccelerator())) {
        continue;
      }
      String knobs = ExecutionProvider.of(c.edgeAccelerator()).wireName() + "/" + c.threads();
      byKnobs.computeIfAbsent(knobs, k -> new TreeSet<>()).add(c.split());
      all.add(c.split());
    }
    if (all.size() > MAX_SPLITS) {
      return List.of();
    }
    List<WarmJob> jobs = new ArrayList<>();
    byKnobs.forEach(
        (knobs, splits) -> {
          String[] k = knobs.split("/");
          jobs.add(new WarmJob(front.model(), List.copyOf(splits), k[0], Integer.parseInt(k[1])));
        });
    return jobs;
  }
}
