package io.dynasplit.app.profile;

import io.dynasplit.models.catalog.PreProcessing;
import io.dynasplit.models.runtime.SplitParts;
import io.dynasplit.optimizer.FrontPublisher;
import io.dynasplit.schemas.Codec;
import io.dynasplit.schemas.FrontEntry;
import io.dynasplit.schemas.ParetoFront;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Profiles, in the background, the served models that have no front yet: one after another on one
 * low-priority thread, each through a private in-process data plane ({@link LiveProfiler}) at a few
 * requests per candidate split ({@link SplitSweep}); writes each front to {@code FRONTS/MODEL.json}
 * and publishes it retained on the served edge's pareto topic, so the edge switches to it while it
 * runs. {@code dynasplit up} (and {@code edge --autoprofile}) start one.
 *
 * <p>{@link #close} stops it: the thread is interrupted, closes its data plane and ends; a model
 * not finished by then gets no front and is profiled again at the next start.
 */
public final class AutoProfiler implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(AutoProfiler.class);

  private static final long PUBLISH_TIMEOUT_S = 10;
  private static final long STOP_TIMEOUT_S = 30;

  /**
   * How much to measure and how the private data plane is set up.
   *
   * @param n measured requests per configuration, {@code >= 1}
   * @param warmup requests per configuration before measuring, {@code >= 0}
   * @param maxSplits the most candidate splits measured per model, {@code >= 2}: evenly spaced
   *     ones, all-cloud and all-edge always among them
   * @param codecs the intermediate tensor codecs each split is measured with
   * @param plane the private data plane's cloud threads and meters
   */
  public record Settings(int n, int warmup, int maxSplits, List<Codec> codecs, PlaneOptions plane) {

    /** Checks the values. */
    public Settings {
      new LiveProfiler.Settings(n, warmup); // checks n and warmup
      if (maxSplits < 2) {
        throw new IllegalArgumentException("maxSplits must be >= 2: " + maxSplits);
      }
      codecs = List.copyOf(codecs);
      if (codecs.isEmpty()) {
        throw new IllegalArgumentException("codecs must not be empty");
      }
      Objects.requireNonNull(plane, "plane");
    }
  }

  /** How profiling one model ended. */
  public enum Status {
    /** Its front was written and published. */
    PROFILED,
    /** A front file for it appeared while earlier models were profiled; left alone. */
    SKIPPED,
    /** Profiling failed (the reason says why); it still runs as before. */
    FAILED,
    /** Stopped (shutdown) before its front was done. */
    STOPPED
  }

  /**
   * What profiling one model came to.
   *
   * @param model the model
   * @param status how it ended
   * @param entries the entries of its front (0 unless profiled)
   * @param took how long it took
   * @param reason why it failed, or null
   */
  public record Outcome(String model, Status status, int entries, Duration took, String reason) {}

  private final SplitParts parts;
  private final List<String> models;
  private final Settings settings;
  private final Path frontsDir;
  private final String edgeId;
  private final FrontPublisher publisher;
  private final CompletableFuture<List<Outcome>> done = new CompletableFuture<>();
  private final Thread thread;
  private final Object interruptLock = new Object();
  private boolean interruptible; // guarded by interruptLock
  private volatile boolean stopping;

  private AutoProfiler(
      SplitParts parts,
      List<String> models,
      Settings settings,
      Path frontsDir,
      String edgeId,
      FrontPublisher publisher) {
    this.parts = parts;
    this.models = models;
    this.settings = settings;
    this.frontsDir = frontsDir;
    this.edgeId = edgeId;
    this.publisher = publisher;
    this.thread = new Thread(this::run, "dynasplit-autoprofile");
    thread.setDaemon(true);
    thread.setPriority(Thread.MIN_PRIORITY);
  }

  /**
   * Starts profiling, in the background, those of {@code served} that have no file in {@code
   * frontsDir}; with none to profile, it starts no thread and is done at once.
   *
   * @param edgeId the served edge, whose pareto topic each front is published on
   * @param publisher publishes fronts retained to the served edge's broker
   */
  public static AutoProfiler start(
      SplitParts parts,
      List<String> served,
      Settings settings,
      Path frontsDir,
      String edgeId,
      FrontPublisher publisher) {
    List<String> missing = new ArrayList<>();
    for (String m : served) {
      if (Files.exists(DataPlaneSetup.frontFile(frontsDir, m))) {
        continue;
      }
      if (!(parts.catalog().get(m).preProcessing() instanceof PreProcessing.Image)) {
        // the profiler's sample inputs are images; a text model takes token-id tensors
        LOG.info(
            "autoprofile {}: not profiled: it takes {}, and the profiler sends sample images; it"
                + " runs all on the edge until a front is published",
            m,
            parts.catalog().get(m).preProcessing().summary());
        continue;
      }
      missing.add(m);
    }
    AutoProfiler profiler =
        new AutoProfiler(parts, List.copyOf(missing), settings, frontsDir, edgeId, publisher);
    if (missing.isEmpty()) {
      LOG.info("autoprofile: no served model to profile (fronts in {})", frontsDir);
      profiler.done.complete(List.of());
    } else {
      LOG.info(
          "autoprofile: profiling {} in the background (n {}, warm-up {}, codecs {}); requests"
              + " run all on the edge until a model's front is published",
          missing,
          settings.n(),
          settings.warmup(),
          settings.codecs());
      profiler.thread.start();
    }
    return profiler;
  }

  /** The models it profiles (those without a front when it started), in order. */
  public List<String> models() {
    return models;
  }

  /** Completes with one outcome per model once every model is done or it was stopped. */
  public CompletableFuture<List<Outcome>> done() {
    return done;
  }

  private void run() {
    List<Outcome> outcomes = new ArrayList<>();
    try {
      for (String model : models) {
        if (stopping) {
          outcomes.add(new Outcome(model, Status.STOPPED, 0, Duration.ZERO, null));
          continue;
        }
        outcomes.add(profile(model));
      }
    } finally {
      done.complete(List.copyOf(outcomes));
    }
  }

  private Outcome profile(String model) {
    long start = System.nanoTime();
    Path file = DataPlaneSetup.frontFile(frontsDir, model);
    if (Files.exists(file)) {
      LOG.info("autoprofile {}: a front appeared in {}; not profiling it", model, file);
      return new Outcome(model, Status.SKIPPED, 0, Duration.ZERO, null);
    }
    SplitSweep sweep = new SplitSweep(splits(model), settings.codecs());
    LiveProfiler profiler = null;
    try {
      profiler = startPlane(model, sweep);
      List<LiveProfiler.Measurement> measured = measure(profiler, model, sweep);
      ParetoFront front = SplitSweep.front(model, measured);
      DataPlaneSetup.writeFront(file, front);
      String topic = publisher.publish(edgeId, front).get(PUBLISH_TIMEOUT_S, TimeUnit.SECONDS);
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      LOG.info(
          String.format(
              Locale.ROOT,
              "autoprofile %s: front of %d entries written to %s and published retained on %s,"
                  + " in %.1f s",
              model,
              front.entries().size(),
              file,
              topic,
              took.toMillis() / 1000.0));
      return new Outcome(model, Status.PROFILED, front.entries().size(), took, null);
    } catch (Exception e) {
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      if (stopping || e instanceof InterruptedException) {
        LOG.info("autoprofile {}: stopped before its front was done", model);
        return new Outcome(model, Status.STOPPED, 0, took, null);
      }
      String reason = e.getMessage() == null ? e.toString() : e.getMessage();
      LOG.warn(
          "autoprofile {}: failed, it keeps running all on the edge (`dynasplit profile --model {}`"
              + " says more): {}",
          model,
          model,
          reason);
      return new Outcome(model, Status.FAILED, 0, took, reason);
    } finally {
      // after the publish, so the edge gets its front without waiting for the plane to stop
      closeQuietly(profiler, model);
    }
  }

  /** Starts a private data plane for {@code model} and records its reference outputs. */
  private LiveProfiler startPlane(String model, SplitSweep sweep) throws Exception {
    LOG.info(
        "autoprofile {}: starting a private data plane to measure {} configurations (splits {})",
        model,
        sweep.size(),
        sweep.splits());
    return LiveProfiler.start(
        parts,
        model,
        SampleInputs.of(null, "640x480", 4),
        new LiveProfiler.Settings(settings.n(), settings.warmup()),
        null,
        settings.plane());
  }

  /**
   * Measures the sweep; {@link #close} may interrupt it meanwhile.
   *
   * @throws InterruptedException if stopped
   */
  private List<LiveProfiler.Measurement> measure(
      LiveProfiler profiler, String model, SplitSweep sweep) throws Exception {
    if (!interruptible(true)) {
      throw new InterruptedException("stopped");
    }
    try {
      return sweep.measure(profiler, (i, total, m) -> logMeasured(model, i, total, m));
    } finally {
      interruptible(false);
    }
  }

  private static void logMeasured(
      String model, int i, int total, LiveProfiler.Measurement measurement) {
    FrontEntry e = measurement.entry();
    LOG.info(
        String.format(
            Locale.ROOT,
            "autoprofile %s: split %d of %d measured (split %d, %s): p50 %.1f ms, edge %.4f J,"
                + " cloud %.4f J",
            model,
            i,
            total,
            e.config().split(),
            e.config().codec(),
            e.latencyMs(),
            e.edgeEnergyJ(),
            e.cloudEnergyJ()));
  }

  /** The candidate splits to measure: all of them, or {@code maxSplits} evenly spaced ones. */
  private List<Integer> splits(String model) {
    return SplitSweep.evenlySpaced(parts.candidates(model), settings.maxSplits());
  }

  /**
   * Lets {@link #close} interrupt the thread (while it measures: it waits for replies) or not
   * (while it starts or closes a data plane or publishes, which an interrupt would leave half
   * done); leaving clears an interrupt that came meanwhile.
   *
   * @return false if entering and a stop came already
   */
  private boolean interruptible(boolean on) {
    synchronized (interruptLock) {
      interruptible = on && !stopping;
      if (!on) {
        Thread.interrupted();
      }
      return !stopping;
    }
  }

  private static void closeQuietly(LiveProfiler profiler, String model) {
    if (profiler == null) {
      return;
    }
    try {
      profiler.close();
    } catch (Exception e) {
      LOG.warn("autoprofile {}: closing its data plane: {}", model, e.toString());
    }
  }

  /**
   * Stops profiling: interrupts the measurements, lets a data plane being started or closed finish,
   * and waits (at most 30 s) for the thread to close its data plane.
   */
  @Override
  public void close() {
    synchronized (interruptLock) {
      stopping = true;
      if (interruptible) {
        thread.interrupt();
      }
    }
    if (!thread.isAlive()) {
      return;
    }
    try {
      thread.join(TimeUnit.SECONDS.toMillis(STOP_TIMEOUT_S));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      LOG.warn("autoprofile did not stop within {} s", STOP_TIMEOUT_S);
    }
  }
}
