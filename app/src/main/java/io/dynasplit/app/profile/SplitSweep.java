package io.dynasplit.app.profile;

import io.dynasplit.schemas.Codec;
import io.dynasplit.schemas.FrontEntry;
import io.dynasplit.schemas.ParetoFront;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What {@code dynasplit profile} and the autoprofiler measure: a model at each of a list of splits,
 * each with each codec, the hardware as it stands ({@link LiveProfiler#atSplit}); and the front of
 * what it measured.
 *
 * @param splits the split indices, in the order measured
 * @param codecs the intermediate tensor codecs each split is measured with
 */
public record SplitSweep(List<Integer> splits, List<Codec> codecs) {

  /** Hears each configuration as it is measured. */
  @FunctionalInterface
  public interface Progress {
    /**
     * One more configuration measured.
     *
     * @param done configurations measured so far, this one included (1-based)
     * @param total configurations of the sweep
     */
    void measured(int done, int total, LiveProfiler.Measurement measurement);
  }

  /** Checks and freezes the lists. */
  public SplitSweep {
    splits = List.copyOf(Objects.requireNonNull(splits, "splits"));
    codecs = List.copyOf(Objects.requireNonNull(codecs, "codecs"));
    if (splits.isEmpty() || codecs.isEmpty()) {
      throw new IllegalArgumentException("a sweep needs a split and a codec: " + splits + codecs);
    }
  }

  /** The configurations measured: splits times codecs. */
  public int size() {
    return splits.size() * codecs.size();
  }

  /**
   * Measures every split with every codec, one after another.
   *
   * @throws LiveProfiler.RequestFailed if the data plane answers a request with an error
   * @throws InterruptedException if the thread is interrupted while waiting for a reply
   */
  public List<LiveProfiler.Measurement> measure(LiveProfiler profiler, Progress progress)
      throws Exception {
    List<LiveProfiler.Measurement> measured = new ArrayList<>();
    for (int split : splits) {
      for (Codec codec : codecs) {
        LiveProfiler.Measurement m = profiler.measure(profiler.atSplit(split, codec));
        measured.add(m);
        progress.measured(measured.size(), size(), m);
      }
    }
    return measured;
  }

  /**
   * The front of measurements: every measured configuration, in the order measured (the edge's
   * scheduler picks among them), with source {@code profile} and the time now.
   */
  public static ParetoFront front(String model, List<LiveProfiler.Measurement> measured) {
    List<FrontEntry> entries = measured.stream().map(LiveProfiler.Measurement::entry).toList();
    return new ParetoFront(
        ParetoFront.SCHEMA_VERSION, model, "profile", Instant.now().toString(), entries);
  }

  /**
   * At most {@code max} of {@code candidates}, evenly spaced by position, the first and last always
   * among them.
   */
  public static List<Integer> evenlySpaced(List<Integer> candidates, int max) {
    int k = candidates.size();
    if (k <= max) {
      return candidates;
    }
    List<Integer> picked = new ArrayList<>();
    for (int i = 0; i < max; i++) {
      picked.add(candidates.get((int) Math.round(i * (k - 1) / (double) (max - 1))));
    }
    return picked;
  }
}
