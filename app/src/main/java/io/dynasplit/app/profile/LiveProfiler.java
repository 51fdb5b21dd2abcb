package io.dynasplit.app.profile;

import com.fasterxml.jackson.databind.JsonNode;
import io.dynasplit.edge.StageTimes;
import io.dynasplit.edge.hardware.HardwareVerticle;
import io.dynasplit.models.runtime.SplitParts;
import io.dynasplit.optimizer.ConfigurationEvaluator;
import io.dynasplit.optimizer.OutputFidelity;
import io.dynasplit.scheduler.ConfigurationSpace;
import io.dynasplit.scheduler.HardwareSpace;
import io.dynasplit.schemas.Codec;
import io.dynasplit.schemas.Configuration;
import io.dynasplit.schemas.EnergySource;
import io.dynasplit.schemas.ErrorReply;
import io.dynasplit.schemas.FrontEntry;
import io.dynasplit.schemas.InferenceReply;
import io.dynasplit.schemas.InferenceRequest;
import io.dynasplit.schemas.Json;
import io.dynasplit.schemas.ParetoFront;
import io.dynasplit.schemas.Quantiles;
import io.dynasplit.schemas.RequestInput;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live profiler: measures configurations of one model through a whole data plane in this
 * process ({@link InProcessDataPlane}: embedded broker, cloud worker, edge node), the real path
 * where every request and intermediate tensor crosses the broker.
 *
 * <p>A configuration is measured by pinning it (a one-entry front published on the edge's pareto
 * topic, so the edge's scheduler picks it and its hardware verticle applies the CPU frequency and
 * accelerator, its pipeline the threads and codec), warming it up until replies report it, then
 * running N requests one after another over the sample inputs in turn. Fidelity compares each
 * reply's output with the full fp32 model's output for the same input ({@link OutputFidelity}),
 * recorded once at start by running every sample input at the all-edge split with fp32 and no
 * accelerator.
 *
 * <p>It is the measuring core of {@code dynasplit profile} and the evaluation of {@code dynasplit
 * optimize --live}.
 *
 * @implNote blocking; call from one worker thread (not an event loop).
 */
public final class LiveProfiler implements ConfigurationEvaluator, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LiveProfiler.class);

  private static final long REPLY_TIMEOUT_S = 120;

  /**
   * How much to run per configuration.
   *
   * @param n measured requests per configuration, {@code >= 1}
   * @param warmup requests run (and discarded) after the configuration is in force, {@code >= 0}
   */
  public record Settings(int n, int warmup) {
    /** Checks the counts. */
    public Settings {
      if (n < 1) {
        throw new IllegalArgumentException("n must be >= 1: " + n);
      }
      if (warmup < 0) {
        throw new IllegalArgumentException("warmup must be >= 0: " + warmup);
      }
    }
  }

  /** One measured request: its reply, where its time went, and which sample input it carried. */
  public record Sample(InferenceReply reply, StageTimes times, double publishMs, int input) {}

  /**
   * What one configuration measured.
   *
   * @param entry the figures (latency p50/p95, head, transfer, tail, bytes, energies, fidelity)
   * @param edgeSource where the edge energy came from
   * @param cloudSource where the cloud energy came from
   * @param samples the measured requests
   */
  public record Measurement(
      FrontEntry entry, EnergySource edgeSource, EnergySource cloudSource, List<Sample> samples) {

    /**
     * Each measured request as a run of the configuration (a pool row for the simulator): its
     * latency, stage times, bytes and energies, fidelity unknown.
     */
    public List<FrontEntry> runs() {
      return samples.stream()
          .map(
              s ->
                  new FrontEntry(
                      entry.config(),
                      s.reply().timing().totalMs(),
                      s.reply().timing().totalMs(),
                      s.times().headMs() + s.times().encodeMs(),
                      s.times().transferMs(),
                      s.times().tailMs(),
                      s.times().bytes(),
                      s.reply().energyJ().edge(),
                      s.reply().energyJ().cloud(),
                      null,
                      1))
          .toList();
    }
  }

  /** A request the data plane answered with an error. */
  public static final class RequestFailed extends RuntimeException {
    RequestFailed(String message) {
      super(message);
    }
  }

  /** Most warm-up requests past {@code --warmup} for the first configuration (a cold JVM). */
  static final int COLD_EXTRA = 300;

  /** Most warm-up requests past {@code --warmup} for the next ones. */
  static final int WARM_EXTRA = 30;

  private final InProcessDataPlane plane;
  private final String model;
  private final int allEdgeSplit;
  private final List<RequestInput> inputs;
  private final Settings settings;
  private final Runnable onRequest;
  private final BlockingQueue<Object> heard;
  private final List<JsonNode> references = new ArrayList<>();
  private final Set<String> energySources = new TreeSet<>();
  private long sent;
  private boolean warmed;

  private LiveProfiler(
      InProcessDataPlane plane,
      BlockingQueue<Object> heard,
      String model,
      int allEdgeSplit,
      List<RequestInput> inputs,
      Settings settings,
      Runnable onRequest) {
    this.plane = plane;
    this.heard = heard;
    this.model = model;
    this.allEdgeSplit = allEdgeSplit;
    this.inputs = inputs;
    this.settings = settings;
    this.onRequest = onRequest;
  }

  /**
   * Starts a data plane serving {@code model} and records the reference outputs of the sample
   * inputs.
   *
   * @param inputs the sample inputs, at least one; measured requests take them in turn
   * @param onRequest called after each measured request (a progress bar's step), or null
   */
  public static LiveProfiler start(
      SplitParts parts,
      String model,
      List<RequestInput> inputs,
      Settings settings,
      Runnable onRequest)
      throws Exception {
    return start(parts, model, inputs, settings, onRequest, PlaneOptions.DEFAULT);
  }

  /**
   * Like {@link #start(SplitParts, String, List, Settings, Runnable)}, with the data plane set up
   * by {@code options} (the cloud worker's threads and meter as a served one has them).
   */
  public static LiveProfiler start(
      SplitParts parts,
      String model,
      List<RequestInput> inputs,
      Settings settings,
      Runnable onRequest,
      PlaneOptions options)
      throws Exception {
    if (inputs.isEmpty()) {
      throw new IllegalArgumentException("inputs must not be empty");
    }
    BlockingQueue<Object> heard = new LinkedBlockingQueue<>();
    InProcessDataPlane plane =
        InProcessDataPlane.start(
            parts,
            List.of(model),
            (reply, times, publishMs) ->
                heard.add(
                    reply instanceof InferenceReply ok && times != null
                        ? new Sample(ok, times, publishMs, -1)
                        : reply),
            1,
            options);
    LiveProfiler profiler =
        new LiveProfiler(
            plane,
            heard,
            model,
            parts.allEdgeSplit(model),
            List.copyOf(inputs),
            Objects.requireNonNull(settings, "settings"),
            onRequest == null ? () -> {} : onRequest);
    try {
      profiler.recordReferences();
    } catch (Exception | Error e) {
      plane.close();
      throw e;
    }
    return profiler;
  }

  /** The address of the data plane's broker (for benchmarks that share it). */
  public String brokerHost() {
    return plane.brokerHost();
  }

  /** The port of the data plane's broker. */
  public int brokerPort() {
    return plane.brokerPort();
  }

  /** The id of the data plane's edge (requests go to its topics). */
  public String edgeId() {
    return InProcessDataPlane.EDGE_ID;
  }

  /**
   * Sends one more request in the configuration now in force (the last one measured) and returns
   * it, for probes that must not disturb the measured ones.
   */
  public Sample sendOne() throws InterruptedException {
    return send(0);
  }

  /** The edge's hardware (what it reports it can set). */
  HardwareVerticle hardware() {
    return plane.hardware();
  }

  /** The all-edge split of the model. */
  int allEdgeSplit() {
    return allEdgeSplit;
  }

  /**
   * The space this machine can measure: the given splits, threads and codecs, the CPU frequencies
   * and edge accelerators the hardware reports (a single 0 frequency where cpufreq is not managed),
   * and the cloud worker's accelerator.
   */
  public ConfigurationSpace space(List<Integer> splits, List<Integer> threads, List<Codec> codecs) {
    HardwareVerticle hw = plane.hardware();
    return HardwareSpace.of(
        splits,
        allEdgeSplit,
        hw.cpuFrequenciesMHz(),
        hw.edgeAccelerators(),
        threads,
        codecs,
        List.of(plane.cloudAccelerator()));
  }

  /**
   * A configuration at a split with the hardware left as it stands (CPU frequency 0, no
   * accelerator, ONNX Runtime's default threads) and the cloud as it runs.
   */
  public Configuration atSplit(int split, Codec codec) {
    Configuration c =
        Configuration.atSplit(split)
            .withCodec(codec)
            .withCloudAccelerator(plane.cloudAccelerator());
    return split >= allEdgeSplit ? c.withCloudAccelerator(Configuration.CLOUD_NONE) : c;
  }

  /**
   * The energy sources measurements have reported so far, each as {@code edge/cloud} (such as
   * {@code rapl/model}).
   */
  public List<String> energySources() {
    return List.copyOf(energySources);
  }

  @Override
  public Optional<FrontEntry> evaluate(Configuration configuration) {
    try {
      return Optional.of(measure(configuration).entry());
    } catch (RequestFailed e) {
      LOG.warn(
          "configuration not measurable [model: {}, config: {}]: {}",
          model,
          configuration,
          e.getMessage());
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while measuring " + configuration, e);
    } catch (Exception e) {
      throw new IllegalStateException(
          "measuring " + configuration + " failed: " + e.getMessage(), e);
    }
  }

  /**
   * Measures one configuration: pins it, warms it up, runs N requests.
   *
   * @throws RequestFailed if the data plane answers a request with an error
   * @throws IllegalStateException if the edge does not switch to the configuration or a reply does
   *     not come
   */
  public Measurement measure(Configuration config) throws Exception {
    List<Sample> warm = pinAndWarm(config);
    LOG.debug(
        "configuration in force [model: {}, config: {}, warm-up requests: {}]",
        model,
        config,
        warm.size());
    List<Sample> samples = new ArrayList<>();
    List<JsonNode> outputs = new ArrayList<>();
    List<JsonNode> expected = new ArrayList<>();
    for (int i = 0; i < settings.n(); i++) {
      int input = i % inputs.size();
      Sample s = send(input);
      if (!s.reply().config().equals(config)) {
        throw new IllegalStateException(
            "request ran with " + s.reply().config() + ", not " + config);
      }
      samples.add(s);
      outputs.add(s.reply().output());
      expected.add(references.get(input));
      onRequest.run();
    }
    Sample last = samples.get(samples.size() - 1);
    EnergySource edgeSource = last.reply().energyJ().source();
    EnergySource cloudSource =
        last.reply().energyJ().cloudSource() != null
            ? last.reply().energyJ().cloudSource()
            : edgeSource;
    energySources.add(edgeSource + "/" + cloudSource);
    FrontEntry entry = summarize(samples, config, OutputFidelity.mean(outputs, expected));
    return new Measurement(entry, edgeSource, cloudSource, List.copyOf(samples));
  }

  private void recordReferences() throws Exception {
    Configuration reference = atSplit(allEdgeSplit, Codec.FP32);
    pinAndWarm(reference);
    for (int i = 0; i < inputs.size(); i++) {
      Sample s = send(i);
      if (!s.reply().config().equals(reference)) {
        throw new IllegalStateException(
            "reference request ran with " + s.reply().config() + ", not " + reference);
      }
      references.add(s.reply().output());
    }
    LOG.info(
        "reference outputs recorded [model: {}, inputs: {}, config: {}]",
        model,
        inputs.size(),
        reference);
  }

  /**
   * Publishes a one-entry front of {@code config} and sends requests until replies run with it,
   * then the warm-up.
   */
  private List<Sample> pinAndWarm(Configuration config) throws Exception {
    plane.publishFront(
        new ParetoFront(
            ParetoFront.SCHEMA_VERSION,
            model,
            "profile",
            Instant.now().toString(),
            List.of(new FrontEntry(config, 0, 0, 0, 0, 0, 0, 0, 0, null, 0))));
    List<Sample> warm = new ArrayList<>();
    // the first configuration meets a cold JVM: it may take hundreds of requests to settle
    WarmUp warmUp =
        new WarmUp(settings.warmup(), settings.warmup() + (warmed ? WARM_EXTRA : COLD_EXTRA));
    int limit = settings.warmup() + 50;
    for (int attempt = 0; !warmUp.done() || warmUp.count() == 0; attempt++) {
      if (warmUp.count() == 0 && attempt > limit) {
        throw new IllegalStateException(
            "the edge did not switch to " + config + " after " + attempt + " requests");
      }
      Sample s = send(attempt % inputs.size());
      warm.add(s);
      if (s.reply().config().equals(config)) {
        warmUp.record(s.reply().timing().totalMs());
      }
    }
    LOG.debug(
        "warm-up ended [config: {}, requests in force: {}, settled: {}]",
        config,
        warmUp.count(),
        warmUp.settled());
    warmed = true;
    return warm;
  }

  private Sample send(int input) throws InterruptedException {
    String id = "live-" + (++sent);
    plane.request(Json.toBytes(InferenceRequest.of(id, model, 60_000, inputs.get(input))));
    Object o = heard.poll(REPLY_TIMEOUT_S, TimeUnit.SECONDS);
    if (o == null) {
      throw new IllegalStateException("no reply to " + id + " within " + REPLY_TIMEOUT_S + " s");
    }
    if (o instanceof ErrorReply e) {
      throw new RequestFailed(
          "request " + id + " failed: " + e.code() + ": " + e.error().message());
    }
    if (!(o instanceof Sample s)) {
      throw new IllegalStateException("unexpected reply to " + id + ": " + Json.toPrettyString(o));
    }
    if (!s.reply().id().equals(id)) {
      throw new IllegalStateException("reply to " + s.reply().id() + " while waiting for " + id);
    }
    return new Sample(s.reply(), s.times(), s.publishMs(), input);
  }

  private static FrontEntry summarize(List<Sample> samples, Configuration config, double fidelity) {
    double[] total = sorted(samples, s -> s.reply().timing().totalMs());
    return new FrontEntry(
        config,
        Quantiles.ofSorted(total, 0.5),
        Quantiles.ofSorted(total, 0.95),
        Quantiles.ofSorted(sorted(samples, s -> s.times().headMs() + s.times().encodeMs()), 0.5),
        Quantiles.ofSorted(sorted(samples, s -> s.times().transferMs()), 0.5),
        Quantiles.ofSorted(sorted(samples, s -> s.times().tailMs()), 0.5),
        (long) Quantiles.ofSorted(sorted(samples, s -> s.times().bytes()), 0.5),
        Arrays.stream(sorted(samples, s -> s.reply().energyJ().edge())).average().orElse(0),
        Arrays.stream(sorted(samples, s -> s.reply().energyJ().cloud())).average().orElse(0),
        fidelity,
        samples.size());
  }

  /** The values of a function over samples, sorted ascending. */
  public static double[] sorted(List<Sample> samples, ToDoubleFunction<Sample> f) {
    return samples.stream().mapToDouble(f).sorted().toArray();
  }

  @Override
  public void close() throws Exception {
    plane.close();
  }
}
