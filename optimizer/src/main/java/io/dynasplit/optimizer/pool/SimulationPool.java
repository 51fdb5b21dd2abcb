package io.dynasplit.optimizer.pool;

import io.dynasplit.scheduler.ConfigurationSpace;
import io.dynasplit.schemas.Configuration;
import io.dynasplit.schemas.FrontEntry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Recorded measurements of a model's configurations, which answer an evaluation without the
 * hardware: the mean of a configuration's measured runs, or one run drawn at random (for
 * simulation).
 *
 * <p>A pool knows its {@link ConfigurationSpace}. It need not have measured every valid
 * configuration (the paper's VGG16 pool measured 747 of 917); {@link #mean} and {@link #sample}
 * answer empty for one it has not.
 *
 * @implNote immutable and thread-safe once built; building groups the rows in one pass.
 */
public final class SimulationPool {

  private final String model;
  private final String source;
  private final ConfigurationSpace space;
  private final Map<Configuration, List<FrontEntry>> rows;
  private final Map<Configuration, FrontEntry> means;
  private final List<Configuration> measured;
  private final int rowCount;

  private SimulationPool(
      String model, String source, ConfigurationSpace space, List<FrontEntry> all) {
    this.model = Objects.requireNonNull(model, "model");
    this.source = Objects.requireNonNull(source, "source");
    this.space = Objects.requireNonNull(space, "space");
    Map<Configuration, List<FrontEntry>> grouped = new HashMap<>();
    for (FrontEntry m : all) {
      String why = space.whyInvalid(m.config());
      if (why != null) {
        throw new IllegalArgumentException(
            "measurement outside the space (" + why + "): " + m.config());
      }
      grouped.computeIfAbsent(m.config(), c -> new ArrayList<>()).add(m);
    }
    Map<Configuration, List<FrontEntry>> frozen = new HashMap<>();
    Map<Configuration, FrontEntry> meanOf = new HashMap<>();
    grouped.forEach(
        (c, list) -> {
          frozen.put(c, List.copyOf(list));
          meanOf.put(c, meanOf(list));
        });
    this.rows = Map.copyOf(frozen);
    this.means = Map.copyOf(meanOf);
    this.measured = space.configurations().stream().filter(rows::containsKey).toList();
    this.rowCount = all.size();
  }

  /**
   * A pool over an explicit space.
   *
   * @param model the model (network) the measurements belong to
   * @param source where they come from (a file name), for messages
   * @param space the configuration space
   * @param measurements the measured runs; each must be a valid configuration of the space
   * @throws IllegalArgumentException if a measurement is outside the space, with the reason
   */
  public static SimulationPool of(
      String model, String source, ConfigurationSpace space, List<FrontEntry> measurements) {
    return new SimulationPool(model, source, space, measurements);
  }

  /**
   * A pool over the smallest space that spans its measurements ({@link
   * ConfigurationSpace#spanning}).
   */
  public static SimulationPool of(String model, String source, List<FrontEntry> measurements) {
    if (measurements.isEmpty()) {
      throw new IllegalArgumentException("a pool needs at least one measurement: " + source);
    }
    return new SimulationPool(
        model,
        source,
        ConfigurationSpace.spanning(measurements.stream().map(FrontEntry::config).toList()),
        measurements);
  }

  /** The model (network) name. */
  public String model() {
    return model;
  }

  /** Where the measurements come from. */
  public String source() {
    return source;
  }

  /** The configuration space. */
  public ConfigurationSpace space() {
    return space;
  }

  /** The measured configurations, in the space's order. */
  public List<Configuration> configurations() {
    return measured;
  }

  /** Number of distinct measured configurations. */
  public int size() {
    return measured.size();
  }

  /** Number of measured runs (rows). */
  public int rowCount() {
    return rowCount;
  }

  /** Whether the pool has at least one run of a configuration. */
  public boolean isMeasured(Configuration c) {
    return rows.containsKey(c);
  }

  /** The measured runs of a configuration, in file order; empty when unmeasured. */
  public List<FrontEntry> rows(Configuration c) {
    return rows.getOrDefault(c, List.of());
  }

  /**
   * The mean of a configuration's runs: every time, energy, size and fidelity averaged (fidelity
   * null if any run lacks it), {@code samples} the number of runs.
   */
  public Optional<FrontEntry> mean(Configuration c) {
    return Optional.ofNullable(means.get(c));
  }

  /** One run of a configuration drawn uniformly with the given generator; empty when unmeasured. */
  public Optional<FrontEntry> sample(Configuration c, RandomGenerator random) {
    List<FrontEntry> list = rows.get(c);
    if (list == null) {
      return Optional.empty();
    }
    return Optional.of(list.get(random.nextInt(list.size())).withSamples(1));
  }

  /** The means of every measured configuration, in the space's order. */
  public List<FrontEntry> means() {
    return measured.stream().map(means::get).toList();
  }

  private static FrontEntry meanOf(List<FrontEntry> list) {
    int n = list.size();
    double lat = 0;
    double p95 = 0;
    double head = 0;
    double transfer = 0;
    double tail = 0;
    double bytes = 0;
    double edge = 0;
    double cloud = 0;
    double fidelity = 0;
    boolean fidelityKnown = true;
    for (FrontEntry m : list) {
      lat += m.latencyMs();
      p95 += m.latencyP95Ms();
      head += m.headMs();
      transfer += m.transferMs();
      tail += m.tailMs();
      bytes += m.bytes();
      edge += m.edgeEnergyJ();
      cloud += m.cloudEnergyJ();
      if (m.fidelity() == null) {
        fidelityKnown = false;
      } else {
        fidelity += m.fidelity();
      }
    }
    return new FrontEntry(
        list.get(0).config(),
        lat / n,
        p95 / n,
        head / n,
        transfer / n,
        tail / n,
        Math.round(bytes / n),
        edge / n,
        cloud / n,
        fidelityKnown ? Math.min(1.0, fidelity / n) : null,
        n);
  }
}
