package io.dynasplit.app.profile;

import io.dynasplit.edge.hardware.HardwareOptions;
import io.dynasplit.edge.hardware.HardwareVerticle;
import io.dynasplit.edge.inference.CatalogModels;
import io.dynasplit.edge.node.EdgeNodeVerticle;
import io.dynasplit.energy.EnergyMeter;
import io.dynasplit.energy.ModelEnergyMeter;
import io.dynasplit.energy.ThreadCpuTime;
import io.dynasplit.models.catalog.ModelCatalog;
import io.dynasplit.models.catalog.ModelsFolder;
import io.dynasplit.models.runtime.SplitParts;
import io.dynasplit.scheduler.AdaptiveSettings;
import io.dynasplit.scheduler.Policy;
import io.dynasplit.scheduler.Scheduler;
import io.dynasplit.schemas.Json;
import io.dynasplit.schemas.ParetoFront;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the data-plane commands set up alike: the catalog, split parts, served models, fronts,
 * energy meter.
 */
public final class DataPlaneSetup {

  private static final Logger LOG = LoggerFactory.getLogger(DataPlaneSetup.class);

  /** The folder {@code up}, {@code edge} and {@code profile} use when not told otherwise. */
  public static final String DEFAULT_DATA = "dynasplit-data";

  private DataPlaneSetup() {}

  /**
   * The built-in catalog, with generated models in {@code $DYNASPLIT_MODELS} or the default folder.
   */
  public static ModelCatalog catalog() {
    return ModelCatalog.builtIn(
        ModelsFolder.resolve(System.getenv(), System.getProperty("user.home")));
  }

  public static SplitParts parts(int maxTensors) {
    return new SplitParts(catalog(), maxTensors);
  }

  /** The served models: the given ids, or every present catalog model. */
  public static CatalogModels models(SplitParts parts, List<String> ids) {
    return ids == null || ids.isEmpty()
        ? CatalogModels.present(parts)
        : new CatalogModels(parts, ids);
  }

  /** The folder of front files under a data folder. */
  public static Path frontsDir(Path data) {
    return data.resolve("fronts");
  }

  /** The front file of a model in a fronts folder. */
  public static Path frontFile(Path frontsDir, String model) {
    return frontsDir.resolve(model + ".json");
  }

  /**
   * Writes a front file as JSON, creating its folder: first to {@code FILE.tmp} beside it, then
   * moved into place, so a reader never sees half a front.
   *
   * @throws IOException if the folder or the file cannot be written
   */
  public static void writeFront(Path file, ParetoFront front) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = dir.resolve(file.getFileName() + ".tmp");
    Files.writeString(tmp, Json.toPrettyString(front));
    try {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /**
   * Reads every {@code *.json} front in a folder (a missing folder holds none).
   *
   * @throws IllegalArgumentException naming a file that is not a valid front
   */
  public static Map<String, ParetoFront> readFronts(Path dir) {
    Map<String, ParetoFront> fronts = new LinkedHashMap<>();
    if (!Files.isDirectory(dir)) {
      return fronts;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.json")) {
      for (Path f : files) {
        ParetoFront front;
        try {
          front = Json.fromBytes(Files.readAllBytes(f), ParetoFront.class);
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(
              "front file " + f + " is not a valid pareto front: " + e.getMessage(), e);
        }
        fronts.put(front.model(), front);
        LOG.info(
            "pareto front read [model: {}, entries: {}, file: {}]",
            front.model(),
            front.entries().size(),
            f);
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read front folder " + dir + ": " + e, e);
    }
    return fronts;
  }

  /**
   * Deploys the edge's hardware verticle with the defaults of {@code dynasplit hw} (cpufreq and
   * RAPL where readable, else the power model); the data plane applies configurations through it
   * and meters energy with its meter.
   */
  public static HardwareVerticle deployHardware(Vertx vertx)
      throws java.util.concurrent.TimeoutException {
    return deployHardware(vertx, HardwareOptions.defaults());
  }

  /**
   * Deploys the edge's hardware verticle with the given options (e.g. a USB accelerator's power
   * switch).
   */
  public static HardwareVerticle deployHardware(Vertx vertx, HardwareOptions options)
      throws java.util.concurrent.TimeoutException {
    HardwareVerticle hw = new HardwareVerticle(options);
    vertx.deployVerticle(hw).await(60, java.util.concurrent.TimeUnit.SECONDS);
    return hw;
  }

  /**
   * The edge's meter when a cloud worker runs in the same process ({@code up}, {@code profile}): a
   * power-model estimate over the CPU time of the edge's own threads (its inference pool and the
   * ONNX Runtime threads of its sessions) instead of the whole process's, which would charge the
   * cloud's tails to the edge. A sensor or RAPL meter measures the machine and is returned as it
   * is.
   */
  public static EnergyMeter edgeMeterBesideCloud(EnergyMeter meter, String edgeId) {
    if (!(meter instanceof ModelEnergyMeter model)) {
      return meter;
    }
    try {
      return model.withCpuTime(
          ThreadCpuTime.ofThreadsNamed(EdgeNodeVerticle.workerPoolName(edgeId)));
    } catch (IllegalStateException e) {
      LOG.warn(
          "edge energy modelled on the whole process's cpu time, cloud worker included: {}",
          e.getMessage());
      return meter;
    }
  }

  /** The version a node announces in its status: the jar's implementation version, or dev. */
  public static String projectVersion() {
    String v = DataPlaneSetup.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

  public static Scheduler scheduler(Policy policy) {
    return new Scheduler(policy, AdaptiveSettings.DEFAULT);
  }

  public static Vertx vertx() {
    return Vertx.vertx();
  }

  /** Deployment work that may fail; see {@link #deployOrClose}. */
  @FunctionalInterface
  public interface Deployment {
    void deploy() throws Exception;
  }

  /** Runs {@code deployment}; when it fails, closes Vert.x before passing the failure on. */
  public static void deployOrClose(Vertx vertx, Deployment deployment) throws Exception {
    try {
      deployment.deploy();
    } catch (Exception | Error e) {
      close(vertx);
      throw e;
    }
  }

  /**
   * Prints {@code banner} to {@code out} and blocks until the JVM shuts down (Ctrl-C); Vert.x is
   * closed on the way out, before ONNX Runtime's own shutdown hook ({@link OrderlyStop}).
   */
  public static void serveUntilInterrupted(
      Vertx vertx, String command, String banner, PrintWriter out) throws InterruptedException {
    serveUntilInterrupted(vertx, command, banner, out, () -> {});
  }

  /**
   * Like {@link #serveUntilInterrupted(Vertx, String, String, PrintWriter)}, running {@code first}
   * (such as stopping an {@link AutoProfiler}) before closing Vert.x.
   */
  public static void serveUntilInterrupted(
      Vertx vertx, String command, String banner, PrintWriter out, Runnable first)
      throws InterruptedException {
    CountDownLatch stopped = new CountDownLatch(1);
    OrderlyStop.install(
        command,
        () -> {
          first.run();
          close(vertx);
          stopped.countDown();
        });
    out.println(banner);
    out.flush();
    stopped.await();
  }

  /** Closes Vert.x (undeploying every verticle), waiting at most 20 s. */
  public static void close(Vertx vertx) {
    try {
      vertx.close().await(20, java.util.concurrent.TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      LOG.warn("vert.x did not stop within 20 s");
    }
  }
}
