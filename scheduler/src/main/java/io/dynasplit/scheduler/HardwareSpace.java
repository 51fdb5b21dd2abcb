package io.dynasplit.scheduler;

import io.dynasplit.schemas.Codec;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The configuration space the live profiler can really measure on this machine: the model's split
 * candidates, and for each hardware knob the values the hardware reports it can take. A knob the
 * hardware cannot change has one value: CPU frequency {@code 0} when cpufreq is not managed here.
 */
public final class HardwareSpace {

  private HardwareSpace() {}

  /**
   * The space.
   *
   * @param splits the model's split candidates (0, the all-cloud split, and {@code allEdgeSplit}
   *     are added)
   * @param allEdgeSplit the split that runs the whole model on the edge
   * @param cpuFrequenciesMHz the frequencies the hardware can set; empty when it does not manage
   *     them
   * @param edgeAccelerators the edge accelerator values the hardware can take ({@code off} first)
   * @param threads the head session thread counts to try, each {@code >= 0}
   * @param codecs the intermediate tensor codecs to try
   * @param cloudAccelerators the cloud accelerators the cloud worker can run with
   * @throws IllegalArgumentException if a list is empty or a value is out of range
   */
  public static ConfigurationSpace of(
      List<Integer> splits,
      int allEdgeSplit,
      List<Integer> cpuFrequenciesMHz,
      List<String> edgeAccelerators,
      List<Integer> threads,
      List<Codec> codecs,
      List<String> cloudAccelerators) {
    Objects.requireNonNull(splits, "splits");
    if (allEdgeSplit < 1) {
      throw new IllegalArgumentException("allEdgeSplit must be >= 1: " + allEdgeSplit);
    }
    TreeSet<Integer> s = new TreeSet<>();
    for (int split : splits) {
      if (split < 0 || split > allEdgeSplit) {
        throw new IllegalArgumentException("split must be in 0.." + allEdgeSplit + ": " + split);
      }
      s.add(split);
    }
    s.add(ConfigurationSpace.ALL_CLOUD_SPLIT);
    s.add(allEdgeSplit);
    List<Integer> freqs =
        cpuFrequenciesMHz.isEmpty() ? List.of(0) : List.copyOf(new TreeSet<>(cpuFrequenciesMHz));
    List<Integer> t = List.copyOf(new TreeSet<>(threads));
    if (t.isEmpty() || t.get(0) < 0) {
      throw new IllegalArgumentException("threads must be non-empty counts >= 0: " + threads);
    }
    return new ConfigurationSpace(
        List.copyOf(s),
        freqs,
        List.copyOf(edgeAccelerators),
        t,
        List.copyOf(new TreeSet<>(codecs)),
        List.copyOf(cloudAccelerators),
        allEdgeSplit);
  }
}
