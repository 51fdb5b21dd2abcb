package io.dynasplit.edge.pipeline;

import io.dynasplit.schemas.Configuration;
import io.dynasplit.schemas.FrontEntry;
import io.dynasplit.schemas.ParetoFront;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The front an edge uses for a model that has none yet (no file, nothing retained on its Pareto
 * topic), so that a fresh edge serves every model at once.
 *
 * <p>It holds one entry per candidate split with no measurements (every figure 0, {@code samples}
 * 0), the all-edge entry first. With all figures equal, the schedulers' tie-break keeps the first
 * entry, so an unprofiled model runs entirely on the edge; requests that name the {@code cloud}
 * policy still run entirely in the cloud. {@code dynasplit profile} measures a real front and
 * replaces it.
 */
public final class DefaultFronts {

  /** The {@link ParetoFront#source()} of a default front. */
  public static final String SOURCE = "default";

  private DefaultFronts() {}

  /**
   * The default front of a model.
   *
   * @param candidates the model's candidate split indices, 0 (all cloud) up to and including {@code
   *     allEdge}
   * @param allEdge the split index that runs everything on the edge
   */
  public static ParetoFront of(String model, List<Integer> candidates, int allEdge) {
    if (allEdge < 1) {
      throw new IllegalArgumentException("allEdge must be >= 1: " + allEdge);
    }
    List<FrontEntry> entries = new ArrayList<>();
    entries.add(
        unmeasured(Configuration.atSplit(allEdge).withCloudAccelerator(Configuration.CLOUD_NONE)));
    List<Integer> rest =
        candidates.stream().filter(s -> s >= 0 && s < allEdge).distinct().sorted().toList();
    for (int i = rest.size() - 1; i >= 0; i--) {
      entries.add(unmeasured(Configuration.atSplit(rest.get(i))));
    }
    return new ParetoFront(
        ParetoFront.SCHEMA_VERSION, model, SOURCE, Instant.now().toString(), entries);
  }

  private static FrontEntry unmeasured(Configuration c) {
    return new FrontEntry(c, 0, 0, 0, 0, 0, 0, 0, 0, null, 0);
  }
}
