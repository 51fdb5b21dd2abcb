package io.dynasplit.scheduler;

import io.dynasplit.schemas.Codec;
import io.dynasplit.schemas.Configuration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The configuration space of one model on one testbed (ARCHITECTURE 5): the values of each knob and
 * the rules that keep invalid combinations out.
 *
 * <p>The rules are the paper's: at split 0 (the all-cloud split, as {@link Configuration} defines
 * it) nothing runs on the edge, so the edge accelerator is {@code off}; at the all-edge split
 * ({@link #allEdgeSplit()}, if the space has one) nothing runs in the cloud, so the cloud
 * accelerator is {@link Configuration#CLOUD_NONE}; at every other split the cloud accelerator is
 * one of the cloud knob's values. The knob value lists never contain {@code none}: it is implied by
 * the all-edge split.
 *
 * <p>Each configuration is addressed by one index per {@link Knob} (what the optimizer's genes
 * hold). {@link #decode(int[])} maps any index vector to a valid configuration by applying the
 * rules (an edge accelerator index at split 0 and a cloud index at the all-edge split are ignored),
 * and {@link #encode(Configuration)} gives the canonical index vector of a valid configuration
 * (index 0 for an ignored knob).
 *
 * {@snippet :
 * ConfigurationSpace space = ConfigurationSpace.splinterVgg16();
 * space.size();                       // 917 valid configurations
 * Configuration c = space.decode(new int[] {22, 3, 2, 0, 0, 1}); // split 22: cloud "none"
 * }
 */
public final class ConfigurationSpace {

  /** The knobs, in gene order. */
  public enum Knob {
    /** The split index. */
    SPLIT,
    /** The edge CPU frequency. */
    CPU_FREQ,
    /** The edge accelerator. */
    EDGE_ACCELERATOR,
    /** The head session's intra-op threads. */
    THREADS,
    /** The intermediate tensor codec. */
    CODEC,
    /** The cloud accelerator. */
    CLOUD_ACCELERATOR
  }

  private final List<Integer> splits;
  private final List<Integer> cpuFreqsMHz;
  private final List<String> edgeAccelerators;
  private final List<Integer> threads;
  private final List<Codec> codecs;
  private final List<String> cloudAccelerators;
  private final Integer allEdgeSplit;
  private final List<Configuration> valid;
  private final Map<Configuration, Integer> indexOf;

  /**
   * A space from its knob values.
   *
   * @param splits the split indexes, ascending; 0, if present, is the all-cloud split
   * @param cpuFreqsMHz the edge CPU frequencies
   * @param edgeAccelerators the edge accelerator values; must contain {@code off}
   * @param threads the thread counts
   * @param codecs the codecs
   * @param cloudAccelerators the cloud accelerator values, without {@code none}
   * @param allEdgeSplit the split that runs everything on the edge (the last of {@code splits}), or
   *     null when the space has none
   */
  public ConfigurationSpace(
      List<Integer> splits,
      List<Integer> cpuFreqsMHz,
      List<String> edgeAccelerators,
      List<Integer> threads,
      List<Codec> codecs,
      List<String> cloudAccelerators,
      Integer allEdgeSplit) {
    this.splits = checkedValues("splits", splits);
    this.cpuFreqsMHz = checkedValues("cpuFreqsMHz", cpuFreqsMHz);
    this.edgeAccelerators = checkedValues("edgeAccelerators", edgeAccelerators);
    this.threads = checkedValues("threads", threads);
    this.codecs = checkedValues("codecs", codecs);
    this.cloudAccelerators = checkedValues("cloudAccelerators", cloudAccelerators);
    for (int i = 1; i < this.splits.size(); i++) {
      if (this.splits.get(i) <= this.splits.get(i - 1)) {
        throw new IllegalArgumentException("splits must be strictly ascending: " + this.splits);
      }
    }
    if (!this.edgeAccelerators.contains(Configuration.ACCELERATOR_OFF)) {
      throw new IllegalArgumentException(
          "edgeAccelerators must contain 'off': " + this.edgeAccelerators);
    }
    if (this.cloudAccelerators.contains(Configuration.CLOUD_NONE)) {
      throw new IllegalArgumentException(
          "cloudAccelerators must not contain 'none' (implied by the all-edge split): "
              + this.cloudAccelerators);
    }
    if (allEdgeSplit != null && !allEdgeSplit.equals(this.splits.get(this.splits.size() - 1))) {
      throw new IllegalArgumentException(
          "allEdgeSplit must be the last split "
              + this.splits.get(this.splits.size() - 1)
              + ": "
              + allEdgeSplit);
    }
    if (allEdgeSplit != null && this.splits.size() < 2) {
      throw new IllegalArgumentException(
          "a space with an all-edge split needs at least two splits: " + this.splits);
    }
    this.allEdgeSplit = allEdgeSplit;
    this.valid = enumerate();
    Map<Configuration, Integer> index = new HashMap<>();
    for (int i = 0; i < valid.size(); i++) {
      index.put(valid.get(i), i);
    }
    this.indexOf = Map.copyOf(index);
  }

  /**
   * The paper's VGG16 space (SPLINTER testbed): splits 0 to 22, CPU 600 to 1800 MHz in steps of
   * 200, Coral TPU {@code off}/{@code std}/{@code max}, cloud {@code cpu}/{@code gpu}; one thread
   * setting (0) and one codec (fp32). 917 valid configurations.
   */
  public static ConfigurationSpace splinterVgg16() {
    List<Integer> splits = new ArrayList<>();
    for (int s = 0; s <= 22; s++) {
      splits.add(s);
    }
    return new ConfigurationSpace(
        splits,
        List.of(600, 800, 1000, 1200, 1400, 1600, 1800),
        List.of("off", "std", "max"),
        List.of(0),
        List.of(Codec.FP32),
        List.of("cpu", "gpu"),
        22);
  }

  /**
   * The smallest space of this shape that holds the given configurations: each knob takes the
   * values seen; the all-edge split is the largest split if some configuration there has cloud
   * accelerator {@code none} (else the space has none).
   *
   * @throws IllegalArgumentException if the configurations are empty or break a rule of the
   *     inferred space (for instance an accelerator at the all-cloud split)
   */
  public static ConfigurationSpace spanning(Collection<Configuration> configurations) {
    if (configurations.isEmpty()) {
      throw new IllegalArgumentException("configurations must not be empty");
    }
    TreeSet<Integer> splits = new TreeSet<>();
    TreeSet<Integer> freqs = new TreeSet<>();
    TreeSet<String> edge = new TreeSet<>();
    TreeSet<Integer> threads = new TreeSet<>();
    TreeSet<Codec> codecs = new TreeSet<>();
    TreeSet<String> cloud = new TreeSet<>();
    boolean noneSeen = false;
    for (Configuration c : configurations) {
      splits.add(c.split());
      freqs.add(c.cpuFreqMHz());
      edge.add(c.edgeAccelerator());
      threads.add(c.threads());
      codecs.add(c.codec());
      if (c.cloudAccelerator().equals(Configuration.CLOUD_NONE)) {
        noneSeen = true;
      } else {
        cloud.add(c.cloudAccelerator());
      }
    }
    edge.add(Configuration.ACCELERATOR_OFF);
    List<String> edgeValues = new ArrayList<>();
    // "off" first (the canonical value at split 0), then the USB accelerator's modes by clock, then
    // the rest
    for (String known : List.of(Configuration.ACCELERATOR_OFF, "std", "max")) {
      if (edge.remove(known)) {
        edgeValues.add(known);
      }
    }
    edgeValues.addAll(edge);
    if (cloud.isEmpty()) {
      cloud.add("cpu");
    }
    ConfigurationSpace space =
        new ConfigurationSpace(
            List.copyOf(splits),
            List.copyOf(freqs),
            edgeValues,
            List.copyOf(threads),
            List.copyOf(codecs),
            List.copyOf(cloud),
            noneSeen ? splits.last() : null);
    for (Configuration c : configurations) {
      String why = space.whyInvalid(c);
      if (why != null) {
        throw new IllegalArgumentException(
            "configuration breaks the space's rules (" + why + "): " + c);
      }
    }
    return space;
  }

  /** Number of values of a knob (the range of its gene). */
  public int valueCount(Knob knob) {
    return values(knob).size();
  }

  /** The values of a knob, in index order. */
  public List<?> values(Knob knob) {
    return switch (knob) {
      case SPLIT -> splits;
      case CPU_FREQ -> cpuFreqsMHz;
      case EDGE_ACCELERATOR -> edgeAccelerators;
      case THREADS -> threads;
      case CODEC -> codecs;
      case CLOUD_ACCELERATOR -> cloudAccelerators;
    };
  }

  /** The split indexes, ascending. */
  public List<Integer> splits() {
    return splits;
  }

  /** The split that runs everything in the cloud. */
  public static final int ALL_CLOUD_SPLIT = 0;

  /** The all-edge split, or null when the space has none. */
  public Integer allEdgeSplit() {
    return allEdgeSplit;
  }

  /** Number of valid configurations. */
  public int size() {
    return valid.size();
  }

  /**
   * Every valid configuration, in a fixed order (splits outermost, then the knobs in gene order).
   */
  public List<Configuration> configurations() {
    return valid;
  }

  /** The position of a valid configuration in {@link #configurations()}, or -1. */
  public int indexOf(Configuration c) {
    Integer i = indexOf.get(c);
    return i == null ? -1 : i;
  }

  /** Whether a configuration is in this space and obeys its rules. */
  public boolean contains(Configuration c) {
    return indexOf.containsKey(c);
  }

  /**
   * Why a configuration is not valid here, or null if it is.
   *
   * @return a short reason such as {@code "edge accelerator must be off at split 0"}
   */
  public String whyInvalid(Configuration c) {
    if (!splits.contains(c.split())) {
      return "split " + c.split() + " not in " + splits;
    }
    if (!cpuFreqsMHz.contains(c.cpuFreqMHz())) {
      return "cpu frequency " + c.cpuFreqMHz() + " not in " + cpuFreqsMHz;
    }
    if (!edgeAccelerators.contains(c.edgeAccelerator())) {
      return "edge accelerator " + c.edgeAccelerator() + " not in " + edgeAccelerators;
    }
    if (!threads.contains(c.threads())) {
      return "threads " + c.threads() + " not in " + threads;
    }
    if (!codecs.contains(c.codec())) {
      return "codec " + c.codec() + " not in " + codecs;
    }
    if (c.split() == ALL_CLOUD_SPLIT
        && !c.edgeAccelerator().equals(Configuration.ACCELERATOR_OFF)) {
      return "edge accelerator must be off at split " + c.split();
    }
    boolean allEdge = allEdgeSplit != null && c.split() == allEdgeSplit;
    if (allEdge && !c.cloudAccelerator().equals(Configuration.CLOUD_NONE)) {
      return "cloud accelerator must be none at the all-edge split " + c.split();
    }
    if (!allEdge && !cloudAccelerators.contains(c.cloudAccelerator())) {
      return "cloud accelerator " + c.cloudAccelerator() + " not in " + cloudAccelerators;
    }
    return null;
  }

  /**
   * The valid configuration an index vector stands for: knob values by index, then the rules (edge
   * accelerator off at the all-cloud split, cloud none at the all-edge split).
   *
   * @param indexes one index per {@link Knob}, in knob order
   * @throws IllegalArgumentException if an index is out of its knob's range
   */
  public Configuration decode(int[] indexes) {
    if (indexes.length != Knob.values().length) {
      throw new IllegalArgumentException(
          "indexes must have " + Knob.values().length + " entries: " + indexes.length);
    }
    for (Knob k : Knob.values()) {
      int i = indexes[k.ordinal()];
      if (i < 0 || i >= valueCount(k)) {
        throw new IllegalArgumentException(
            "index of " + k + " must be in [0, " + valueCount(k) + "): " + i);
      }
    }
    int split = splits.get(indexes[Knob.SPLIT.ordinal()]);
    String edge =
        split == ALL_CLOUD_SPLIT
            ? Configuration.ACCELERATOR_OFF
            : edgeAccelerators.get(indexes[Knob.EDGE_ACCELERATOR.ordinal()]);
    String cloud =
        allEdgeSplit != null && split == allEdgeSplit
            ? Configuration.CLOUD_NONE
            : cloudAccelerators.get(indexes[Knob.CLOUD_ACCELERATOR.ordinal()]);
    return new Configuration(
        split,
        cpuFreqsMHz.get(indexes[Knob.CPU_FREQ.ordinal()]),
        edge,
        threads.get(indexes[Knob.THREADS.ordinal()]),
        codecs.get(indexes[Knob.CODEC.ordinal()]),
        cloud);
  }

  /**
   * The canonical index vector of a valid configuration (index 0 for a knob the rules fix).
   *
   * @throws IllegalArgumentException if the configuration is not valid here, with the reason
   */
  public int[] encode(Configuration c) {
    String why = whyInvalid(c);
    if (why != null) {
      throw new IllegalArgumentException(
          "not a valid configuration of this space (" + why + "): " + c);
    }
    int[] indexes = new int[Knob.values().length];
    indexes[Knob.SPLIT.ordinal()] = splits.indexOf(c.split());
    indexes[Knob.CPU_FREQ.ordinal()] = cpuFreqsMHz.indexOf(c.cpuFreqMHz());
    indexes[Knob.EDGE_ACCELERATOR.ordinal()] = edgeAccelerators.indexOf(c.edgeAccelerator());
    indexes[Knob.THREADS.ordinal()] = threads.indexOf(c.threads());
    indexes[Knob.CODEC.ordinal()] = codecs.indexOf(c.codec());
    indexes[Knob.CLOUD_ACCELERATOR.ordinal()] =
        Math.max(0, cloudAccelerators.indexOf(c.cloudAccelerator()));
    return indexes;
  }

  @Override
  public String toString() {
    return "ConfigurationSpace[splits="
        + splits
        + ", cpuFreqsMHz="
        + cpuFreqsMHz
        + ", edgeAccelerators="
        + edgeAccelerators
        + ", threads="
        + threads
        + ", codecs="
        + codecs
        + ", cloudAccelerators="
        + cloudAccelerators
        + ", allEdgeSplit="
        + allEdgeSplit
        + ", size="
        + valid.size()
        + "]";
  }

  private List<Configuration> enumerate() {
    List<Configuration> out = new ArrayList<>();
    for (int s : splits) {
      boolean allCloud = s == ALL_CLOUD_SPLIT;
      boolean allEdge = allEdgeSplit != null && s == allEdgeSplit;
      for (int f : cpuFreqsMHz) {
        for (String e : allCloud ? List.of(Configuration.ACCELERATOR_OFF) : edgeAccelerators) {
          for (int t : threads) {
            for (Codec codec : codecs) {
              for (String cloud : allEdge ? List.of(Configuration.CLOUD_NONE) : cloudAccelerators) {
                out.add(new Configuration(s, f, e, t, codec, cloud));
              }
            }
          }
        }
      }
    }
    return List.copyOf(out);
  }

  private static <T> List<T> checkedValues(String name, List<T> values) {
    Objects.requireNonNull(values, name);
    if (values.isEmpty()) {
      throw new IllegalArgumentException(name + " must not be empty");
    }
    if (values.stream().distinct().count() != values.size()) {
      throw new IllegalArgumentException(name + " must not repeat a value: " + values);
    }
    return List.copyOf(values);
  }
}
