package io.dynasplit.optimizer.pool;

import io.dynasplit.scheduler.ConfigurationSpace;
import io.dynasplit.schemas.Codec;
import io.dynasplit.schemas.Configuration;
import io.dynasplit.schemas.FrontEntry;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the paper's simulation pool CSV ({@code simulation_pool_vgg16.csv} of the SPLINTER
 * repository) as it is.
 *
 * <p>Columns used (others, such as the utilizations, are ignored): {@code layer} (the split),
 * {@code cpu-freq} (MHz), {@code edge-accelerator} ({@code off}, {@code std}, {@code max}), {@code
 * server-accelerator} ({@code True} = GPU, {@code False} = CPU), {@code latency}, {@code avg
 * latency edge (ms)}, {@code avg latency transfer (ms)}, {@code avg latency cloud (ms)}, {@code avg
 * energy edge (J)}, {@code avg energy cloud (J)} (which includes the GPU part), {@code tensor size
 * (KB)}, and {@code accuracy} where the file has it. Integers may be written as floats ({@code
 * 1200.0}, {@code 22.0}).
 *
 * <p>A pool from a two-objective study (latency and energy only, as the paper ran for some of its
 * models) has no {@code accuracy} column: its rows then have no fidelity (null), and the search
 * over it has two objectives ({@link io.dynasplit.optimizer.Objectives#forEntries}).
 *
 * <p>Mapping to {@link Configuration}: threads 0 (not a knob on that testbed), codec fp32, cloud
 * accelerator {@code gpu}/{@code cpu} from {@code server-accelerator}, except at the all-edge layer
 * where it is {@code none}. The all-edge layer is the largest layer, when every row there has no
 * cloud time ({@code avg latency cloud (ms)} 0); the paper's rules are then checked on every row:
 * layer 0 has edge accelerator {@code off}, the all-edge layer has {@code server-accelerator}
 * False. Bytes are {@code tensor size (KB)} times 1024, rounded.
 */
public final class SplinterPoolCsv {

  /** The columns this reader needs. */
  public static final List<String> REQUIRED_COLUMNS =
      List.of(
          "latency",
          "avg energy edge (J)",
          "avg latency edge (ms)",
          "avg latency cloud (ms)",
          "avg latency transfer (ms)",
          "avg energy cloud (J)",
          "tensor size (KB)",
          "cpu-freq",
          "layer",
          "edge-accelerator",
          "server-accelerator");

  /** The column of top-1 accuracy, read as fidelity where present. */
  public static final String ACCURACY = "accuracy";

  private static final List<String> EDGE_ACCELERATORS = List.of("off", "std", "max");

  private SplinterPoolCsv() {}

  /**
   * Reads a pool file.
   *
   * @param file the CSV file
   * @param model the network the file measures (it does not say), such as {@code vgg16}
   * @throws CsvFormatException on a missing column, a wrong value or a broken rule, naming the line
   *     and column
   * @throws IllegalArgumentException when the file does not exist or is not UTF-8 text
   * @throws IOException if the file cannot be read
   */
  public static SimulationPool read(Path file, String model) throws IOException {
    return read(file.getFileName().toString(), new StringReader(TextFiles.readUtf8(file)), model);
  }

  /**
   * Reads pool text.
   *
   * @param source the file name, for messages
   * @param reader the CSV text; not closed
   * @param model the network the text measures
   * @throws CsvFormatException on bad input, naming the line and column
   * @throws IOException if reading fails
   */
  public static SimulationPool read(String source, Reader reader, String model) throws IOException {
    CsvTable t = CsvTable.read(source, reader, REQUIRED_COLUMNS);
    if (t.size() == 0) {
      throw new CsvFormatException(source, 0, null, "no data rows after the header");
    }
    int[] layer = new int[t.size()];
    int maxLayer = Integer.MIN_VALUE;
    for (int i = 0; i < t.size(); i++) {
      layer[i] = t.integer(i, "layer");
      if (layer[i] < 0) {
        throw t.error(i, "layer", "expected a layer >= 0, got '" + t.text(i, "layer") + "'");
      }
      maxLayer = Math.max(maxLayer, layer[i]);
    }
    boolean allEdgeAtMax = maxLayer > 0;
    for (int i = 0; i < t.size(); i++) {
      if (layer[i] == maxLayer && t.nonNegative(i, "avg latency cloud (ms)") > 0) {
        allEdgeAtMax = false;
      }
    }
    boolean hasAccuracy = t.header().contains(ACCURACY);
    List<FrontEntry> rows = new ArrayList<>(t.size());
    for (int i = 0; i < t.size(); i++) {
      rows.add(row(t, i, layer[i], allEdgeAtMax ? maxLayer : -1, hasAccuracy));
    }
    return SimulationPool.of(model, source, rows);
  }

  private static FrontEntry row(
      CsvTable t, int i, int layer, int allEdgeLayer, boolean hasAccuracy) {
    int freq = t.integer(i, "cpu-freq");
    if (freq <= 0) {
      throw t.error(
          i, "cpu-freq", "expected a frequency > 0 MHz, got '" + t.text(i, "cpu-freq") + "'");
    }
    String edge = t.oneOf(i, "edge-accelerator", EDGE_ACCELERATORS);
    boolean gpu = t.bool(i, "server-accelerator");
    if (layer == ConfigurationSpace.ALL_CLOUD_SPLIT
        && !edge.equals(Configuration.ACCELERATOR_OFF)) {
      throw t.error(
          i,
          "edge-accelerator",
          "must be off at layer " + layer + " (everything runs in the cloud), got '" + edge + "'");
    }
    String cloud;
    if (layer == allEdgeLayer) {
      if (gpu) {
        throw t.error(
            i,
            "server-accelerator",
            "must be False at layer " + layer + " (everything runs on the edge)");
      }
      cloud = Configuration.CLOUD_NONE;
    } else {
      cloud = gpu ? "gpu" : "cpu";
    }
    Double accuracy = hasAccuracy ? accuracy(t, i) : null;
    double latency = t.nonNegative(i, "latency");
    return new FrontEntry(
        new Configuration(layer, freq, edge, 0, Codec.FP32, cloud),
        latency,
        latency,
        t.nonNegative(i, "avg latency edge (ms)"),
        t.nonNegative(i, "avg latency transfer (ms)"),
        t.nonNegative(i, "avg latency cloud (ms)"),
        Math.round(t.nonNegative(i, "tensor size (KB)") * 1024),
        t.nonNegative(i, "avg energy edge (J)"),
        t.nonNegative(i, "avg energy cloud (J)"),
        accuracy,
        1);
  }

  /**
   * Writes a pool's runs in this format, one row per run in the pool's order, with the columns this
   * reader needs (and {@code energy}, their sum), {@code accuracy} when every run has a fidelity.
   * Reading the text back gives the same runs.
   *
   * @throws IllegalArgumentException if a run does not fit the format (a codec other than fp32,
   *     threads, an accelerator the paper's testbed did not have, fidelity on some runs only)
   * @throws IOException if writing fails
   */
  public static void write(SimulationPool pool, Writer out) throws IOException {
    List<FrontEntry> runs = new ArrayList<>(pool.rowCount());
    for (Configuration c : pool.configurations()) {
      runs.addAll(pool.rows(c));
    }
    long withFidelity = runs.stream().filter(r -> r.fidelity() != null).count();
    if (withFidelity != 0 && withFidelity != runs.size()) {
      throw new IllegalArgumentException(
          withFidelity
              + " of "
              + runs.size()
              + " runs have a fidelity: all or none can be written");
    }
    boolean accuracy = withFidelity > 0;
    StringBuilder b = new StringBuilder();
    if (accuracy) {
      b.append(ACCURACY).append(',');
    }
    b.append(
        "latency,energy,avg energy edge (J),avg latency edge (ms),avg latency cloud (ms),avg"
            + " latency transfer (ms),avg energy cloud (J),tensor size"
            + " (KB),cpu-freq,layer,edge-accelerator,server-accelerator\n");
    for (FrontEntry r : runs) {
      Configuration c = r.config();
      if (c.codec() != Codec.FP32
          || c.threads() != 0
          || !EDGE_ACCELERATORS.contains(c.edgeAccelerator())
          || !List.of("gpu", "cpu", Configuration.CLOUD_NONE).contains(c.cloudAccelerator())) {
        throw new IllegalArgumentException(
            "the paper's pool format has fp32, threads 0, edge accelerators off, std, max and"
                + " cloud gpu, cpu only: "
                + c);
      }
      if (accuracy) {
        b.append(r.fidelity()).append(',');
      }
      b.append(r.latencyMs()).append(',').append(r.energyJ()).append(',');
      b.append(r.edgeEnergyJ()).append(',');
      b.append(r.headMs()).append(',');
      b.append(r.tailMs()).append(',');
      b.append(r.transferMs()).append(',');
      b.append(r.cloudEnergyJ()).append(',');
      b.append(r.bytes() / 1024.0).append(',');
      b.append(c.cpuFreqMHz()).append(',');
      b.append(c.split()).append(',');
      b.append(c.edgeAccelerator()).append(',');
      b.append(c.cloudAccelerator().equals("gpu") ? "True" : "False").append('\n');
    }
    out.write(b.toString());
  }

  private static double accuracy(CsvTable t, int i) {
    double accuracy = t.nonNegative(i, ACCURACY);
    if (accuracy > 1) {
      throw t.error(
          i, ACCURACY, "expected a fraction in [0, 1], got '" + t.text(i, ACCURACY) + "'");
    }
    return accuracy;
  }
}
