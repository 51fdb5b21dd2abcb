package io.dynasplit.app.profile;

import io.dynasplit.models.runtime.SplitParts;
import io.dynasplit.schemas.Codec;
import io.dynasplit.schemas.FrontEntry;
import io.dynasplit.schemas.Json;
import io.dynasplit.schemas.ParetoFront;
import io.dynasplit.schemas.RequestInput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Profiling a model split by split through the real path, as {@code dynasplit profile} does: a
 * {@link LiveProfiler} measures each split with each codec, and the measurements make the front the
 * edge schedules from. Shared by {@code profile} and {@code demo}.
 *
 * @param model the catalog model
 * @param splits the split indices to measure
 * @param codecs the codecs to measure each split with
 * @param inputs the sample inputs the requests take in turn
 * @param settings requests per configuration
 */
public record SplitProfile(
    String model,
    List<Integer> splits,
    List<Codec> codecs,
    List<RequestInput> inputs,
    LiveProfiler.Settings settings) {

  /** Copies the lists. */
  public SplitProfile {
    splits = List.copyOf(splits);
    codecs = List.copyOf(codecs);
    inputs = List.copyOf(inputs);
    if (splits.isEmpty() || codecs.isEmpty()) {
      throw new IllegalArgumentException("splits and codecs must not be empty");
    }
  }

  /** How many measured requests the profile runs (for a progress bar). */
  public long measuredRequests() {
    return (long) splits.size() * codecs.size() * settings.n();
  }

  /**
   * Measures every split with every codec and returns the front of all measurements.
   *
   * @param onRequest called after each measured request (a progress bar's step), or null
   * @param onMeasured called with each configuration's measurement, in order
   */
  public ParetoFront run(
      SplitParts parts, Runnable onRequest, Consumer<LiveProfiler.Measurement> onMeasured)
      throws Exception {
    List<FrontEntry> entries = new ArrayList<>();
    try (LiveProfiler profiler = LiveProfiler.start(parts, model, inputs, settings, onRequest)) {
      for (int split : splits) {
        for (Codec c : codecs) {
          LiveProfiler.Measurement m = profiler.measure(profiler.atSplit(split, c));
          entries.add(m.entry());
          onMeasured.accept(m);
        }
      }
    }
    return new ParetoFront(
        ParetoFront.SCHEMA_VERSION, model, "profile", Instant.now().toString(), entries);
  }

  /** Writes a front as pretty JSON, creating the folder. */
  public static void write(ParetoFront front, Path target) throws IOException {
    if (target.getParent() != null) {
      Files.createDirectories(target.getParent());
    }
    Files.writeString(target, Json.toPrettyString(front));
  }

  /**
   * At most {@code k} of the candidates, evenly spread and always with the first and the last (all
   * cloud and all edge), in order.
   */
  public static List<Integer> spread(List<Integer> candidates, int k) {
    if (k < 2) {
      throw new IllegalArgumentException("k must be >= 2: " + k);
    }
    int n = candidates.size();
    if (n <= k) {
      return List.copyOf(candidates);
    }
    List<Integer> picked = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      int at = (int) Math.round((double) i * (n - 1) / (k - 1));
      int split = candidates.get(at);
      if (picked.isEmpty() || picked.get(picked.size() - 1) != split) {
        picked.add(split);
      }
    }
    return picked;
  }
}
