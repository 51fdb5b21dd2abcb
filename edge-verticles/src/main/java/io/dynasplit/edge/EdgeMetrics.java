package io.dynasplit.edge;

import io.dynasplit.schemas.Configuration;
import io.dynasplit.schemas.EnergyReport;
import io.dynasplit.schemas.EnergySource;
import io.dynasplit.schemas.ErrorReply;
import io.dynasplit.schemas.FrontEntry;
import io.dynasplit.schemas.InferenceReply;
import io.dynasplit.schemas.LiveEstimates;
import io.dynasplit.schemas.ParetoFront;
import io.dynasplit.schemas.Reply;
import io.dynasplit.schemas.node.NodeMeters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * The edge's meters (ARCHITECTURE 11): every count and duration the edge keeps, in a Micrometer
 * registry, under the names below (one place for them; Prometheus shows {@code dynasplit.requests}
 * as {@code dynasplit_requests_total}), and the bounded admission of requests. Telemetry and the
 * HTTP endpoint read the same meters; nothing is counted twice.
 *
 * <p>The node's common tags ({@code role}, {@code node}) are the registry's, added once by whoever
 * builds it.
 *
 * @implNote thread-safe; every method is a few atomic operations or meter updates.
 */
public final class EdgeMetrics {

  /**
   * Replies, by {@code model}, {@code outcome} ({@code sla_met}, {@code sla_missed}, {@code error})
   * and {@code code}.
   */
  public static final String REQUESTS = "dynasplit.requests";

  /** Requests received, admitted or not. */
  public static final String RECEIVED = "dynasplit.requests.received";

  /** Time from arrival to the reply, by {@code model} and {@code outcome}. */
  public static final String REQUEST_DURATION = "dynasplit.request.duration";

  /** Time of each stage of an ok request, by {@code stage}. */
  public static final String STAGE_DURATION = "dynasplit.stage.duration";

  /** Joules, by {@code side} and {@code source}: both sides of each request served. */
  public static final String ENERGY = NodeMeters.ENERGY;

  /** Requests admitted and not yet answered. */
  public static final String IN_FLIGHT = "dynasplit.requests.in.flight";

  /** Requests waiting for a head worker. */
  public static final String QUEUED = "dynasplit.requests.queued";

  /** Requests refused with {@code OVERLOADED}. */
  public static final String REJECTED = "dynasplit.admission.rejections";

  /** Tails run on the edge because the cloud did not answer. */
  public static final String FALLBACKS = "dynasplit.fallbacks";

  /** Cloud answers that came after their request gave up on them. */
  public static final String LATE_CLOUD = "dynasplit.cloud.late.answers";

  /** Edge jobs skipped because their request's deadline plus grace had passed. */
  public static final String EXPIRED_JOBS = "dynasplit.jobs.expired";

  /** Ok requests by the configuration they ran with: {@code model, split, codec, accelerator}. */
  public static final String CONFIGURATIONS = "dynasplit.configurations";

  /** Bytes of the tensor frames sent to the cloud. */
  public static final String TAIL_BYTES = "dynasplit.tail.sent";

  /**
   * Hardware switches, by {@code change} ({@code cpu_frequency}, {@code accelerator_power}, {@code
   * both}).
   */
  public static final String HARDWARE_SWITCH = "dynasplit.hardware.switch";

  /** Live estimate of the edge-to-cloud data rate. */
  public static final String BANDWIDTH = "dynasplit.estimate.bandwidth";

  /** Live estimate of the round trip to the cloud. */
  public static final String RTT = "dynasplit.estimate.rtt";

  /** Live estimate of the cloud's queueing delay. */
  public static final String CLOUD_QUEUE = "dynasplit.estimate.cloud.queue";

  /** Live estimate of measured over profiled time, by {@code side}. */
  public static final String SERVICE_FACTOR = "dynasplit.estimate.service.factor";

  /** Entries of the front in force, by {@code model}. */
  public static final String FRONT_ENTRIES = "dynasplit.front.entries";

  /**
   * Energy per request (edge plus cloud) the front in force expects, by {@code model} and {@code
   * baseline}: {@code cloud_only} (split 0), {@code edge_only} (the whole model on the edge),
   * {@code least} (the front's least); NaN when the front has no such entry.
   */
  public static final String FRONT_ENERGY = "dynasplit.front.energy";

  /** Buckets of the request duration histogram: around typical SLAs (10 ms to 10 s). */
  private static final Duration[] SLA_BUCKETS = {
    Duration.ofMillis(10),
    Duration.ofMillis(25),
    Duration.ofMillis(50),
    Duration.ofMillis(100),
    Duration.ofMillis(200),
    Duration.ofMillis(300),
    Duration.ofMillis(500),
    Duration.ofMillis(750),
    Duration.ofSeconds(1),
    Duration.ofMillis(2500),
    Duration.ofSeconds(5),
    Duration.ofSeconds(10)
  };

  private final MeterRegistry registry;
  private final Set<String> served;
  private final Map<String, double[]> fronts = new ConcurrentHashMap<>();
  private final int maxInFlight;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger inEdgeStage = new AtomicInteger();
  private final AtomicInteger headWorkers = new AtomicInteger();
  private final AtomicReference<LiveEstimates> estimates =
      new AtomicReference<>(LiveEstimates.NONE);
  private final Counter received;
  private final Counter rejected;
  private final Counter fallbacks;
  private final Counter lateCloud;
  private final Counter expiredJobs;
  private final Counter tailBytes;

  /**
   * The edge's meters in {@code registry}, with an admission bound.
   *
   * @param served the served models: the {@code model} tag's values (any other name is {@code
   *     other}, so that requests cannot grow the number of series)
   * @param headWorkers the head workers that run at once (the queue is what waits beyond them)
   */
  public EdgeMetrics(
      MeterRegistry registry, Collection<String> served, int maxInFlight, int headWorkers) {
    this.served = Set.copyOf(served);
    if (maxInFlight < 1) {
      throw new IllegalArgumentException("maxInFlight must be >= 1: " + maxInFlight);
    }
    this.registry = Objects.requireNonNull(registry, "registry");
    this.maxInFlight = maxInFlight;
    this.headWorkers.set(headWorkers);
    received = counter(RECEIVED, "requests received, admitted or not");
    rejected = counter(REJECTED, "requests refused with OVERLOADED at admission");
    fallbacks = counter(FALLBACKS, "tails run on the edge because the cloud did not answer");
    lateCloud = counter(LATE_CLOUD, "cloud answers that came after their request gave up");
    expiredJobs = counter(EXPIRED_JOBS, "edge jobs skipped past their deadline plus grace");
    tailBytes =
        Counter.builder(TAIL_BYTES)
            .description("bytes of the tensor frames sent to the cloud")
            .baseUnit("bytes")
            .register(registry);
    Gauge.builder(IN_FLIGHT, inFlight, AtomicInteger::get)
        .description("requests admitted and not yet answered")
        .register(registry);
    Gauge.builder(QUEUED, this, m -> m.waiting())
        .description("requests waiting for a head worker")
        .register(registry);
    estimateGauge(
        BANDWIDTH,
        "bytes.per.second",
        "edge-to-cloud data rate",
        null,
        LiveEstimates::bandwidthBytesPerS);
    estimateGauge(
        RTT,
        "seconds",
        "round trip to the cloud through the broker",
        null,
        e -> seconds(e.rttMs()));
    estimateGauge(
        CLOUD_QUEUE, "seconds", "the cloud's queueing delay", null, e -> seconds(e.cloudQueueMs()));
    estimateGauge(
        SERVICE_FACTOR, null, "measured over profiled time", "edge", LiveEstimates::edgeFactor);
    estimateGauge(
        SERVICE_FACTOR, null, "measured over profiled time", "cloud", LiveEstimates::cloudFactor);
  }

  /** The registry the meters are in. */
  public MeterRegistry registry() {
    return registry;
  }

  /** Takes an admission slot; false (counted as a rejection) when {@code maxInFlight} are in. */
  public boolean tryAdmit() {
    received.increment();
    while (true) {
      int n = inFlight.get();
      if (n >= maxInFlight) {
        rejected.increment();
        return false;
      }
      if (inFlight.compareAndSet(n, n + 1)) {
        return true;
      }
    }
  }

  /** Gives an admission slot back. */
  public void release() {
    inFlight.decrementAndGet();
  }

  /** Counts a request whose edge inference was handed to the head workers (queued or running). */
  public void enterEdgeStage() {
    inEdgeStage.incrementAndGet();
  }

  /** Counts a request whose edge inference finished (or failed). */
  public void leaveEdgeStage() {
    inEdgeStage.decrementAndGet();
  }

  /** Requests waiting for a head worker: those in the edge stage beyond the head workers. */
  public int waiting() {
    return Math.max(0, inEdgeStage.get() - headWorkers.get());
  }

  /**
   * Records a reply: its outcome, duration, and for an ok one where its time went, its energy and
   * its configuration.
   *
   * @param times the stages of an ok reply; null for an error
   */
  public void replied(Reply reply, StageTimes times) {
    if (reply instanceof InferenceReply ok) {
      String model = modelTag(ok.model());
      String outcome = ok.slaMet() ? "sla_met" : "sla_missed";
      requests(model, outcome, "none").increment();
      NodeMeters.record(duration(model, outcome), ok.timing().totalMs());
      energy(ok.energyJ());
      Configuration c = ok.config();
      Counter.builder(CONFIGURATIONS)
          .description("ok requests by the configuration they ran with")
          .tags(
              "model",
              model,
              "split",
              Integer.toString(c.split()),
              "codec",
              c.codec().wireName(),
              "accelerator",
              c.edgeAccelerator())
          .register(registry)
          .increment();
      if (times != null) {
        stage("queue", times.queueMs());
        stage("head", times.headMs() + times.encodeMs());
        stage("transfer", times.transferMs());
        stage("tail", times.cloudQueueMs() + times.tailMs());
        stage("reply", times.finishMs());
        if (!times.fallback()) {
          tailBytes.increment(times.bytes());
        }
      }
    } else {
      ErrorReply e = (ErrorReply) reply;
      requests(modelTag(e.model()), "error", e.code().name()).increment();
    }
  }

  /**
   * Records a hardware switch; one that changed nothing is not a switch.
   *
   * @param millis how long applying it took
   */
  public void hardwareSwitched(boolean cpuFrequency, boolean acceleratorPower, double millis) {
    if (!cpuFrequency && !acceleratorPower) {
      return;
    }
    String change =
        cpuFrequency && acceleratorPower
            ? "both"
            : cpuFrequency ? "cpu_frequency" : "accelerator_power";
    NodeMeters.record(
        Timer.builder(HARDWARE_SWITCH)
            .description(
                "hardware switches (cpu frequency, accelerator power) and how long they took")
            .tag("change", change)
            .register(registry),
        millis);
  }

  /**
   * Records the front now in force for a model: its size and the energy of its baselines.
   *
   * @param allEdgeSplit the split that runs the whole model on the edge
   */
  public void frontLoaded(ParetoFront front, int allEdgeSplit) {
    double cloudOnly = Double.NaN;
    double edgeOnly = Double.NaN;
    double least = Double.NaN;
    for (FrontEntry e : front.entries()) {
      double j = e.edgeEnergyJ() + e.cloudEnergyJ();
      int split = e.config().split();
      if (split == 0 && !(j >= cloudOnly)) {
        cloudOnly = j;
      }
      if (split >= allEdgeSplit && !(j >= edgeOnly)) {
        edgeOnly = j;
      }
      if (!(j >= least)) {
        least = j;
      }
    }
    double[] values = {front.entries().size(), cloudOnly, edgeOnly, least};
    double[] held =
        fronts.computeIfAbsent(
            front.model(),
            model -> {
              double[] v = new double[4];
              Gauge.builder(FRONT_ENTRIES, v, a -> a[0])
                  .description("entries of the pareto front in force")
                  .tag("model", model)
                  .register(registry);
              String[] names = {"cloud_only", "edge_only", "least"};
              for (int i = 0; i < names.length; i++) {
                int at = i + 1;
                Gauge.builder(FRONT_ENERGY, v, a -> a[at])
                    .description(
                        "energy per request the front in force expects: cloud_only (split 0),"
                            + " edge_only (all on the edge), least (NaN when absent)")
                    .baseUnit("joules")
                    .tags("model", model, "baseline", names[i])
                    .register(registry);
              }
              return v;
            });
    synchronized (held) {
      System.arraycopy(values, 0, held, 0, values.length);
    }
  }

  /** Keeps the scheduler's latest live estimates for the gauges. */
  public void estimates(LiveEstimates latest) {
    estimates.set(latest == null ? LiveEstimates.NONE : latest);
  }

  /** The latest live estimates. */
  public LiveEstimates estimates() {
    return estimates.get();
  }

  /** Counts a cloud answer that came after its request gave up on it. */
  public void lateCloudResult() {
    lateCloud.increment();
  }

  /**
   * Counts an edge job skipped because its request's deadline plus grace passed while it waited.
   */
  public void expiredJob() {
    expiredJobs.increment();
  }

  /** Counts a tail that ran on the edge because the cloud did not answer. */
  public void fallback() {
    fallbacks.increment();
  }

  /** Edge jobs skipped because their request's deadline plus grace had passed. */
  public long expiredJobs() {
    return (long) expiredJobs.count();
  }

  /** Requests admitted and not yet answered. */
  public int inFlight() {
    return inFlight.get();
  }

  /** The admission bound. */
  public int maxInFlight() {
    return maxInFlight;
  }

  /** Requests received. */
  public long requests() {
    return (long) received.count();
  }

  /** Ok replies that met their SLA. */
  public long slaMet() {
    return sum("outcome", "sla_met");
  }

  /** Ok replies that missed their SLA. */
  public long slaMissed() {
    return sum("outcome", "sla_missed");
  }

  /** Error replies (including {@code OVERLOADED}). */
  public long errors() {
    return sum("outcome", "error");
  }

  /** Requests refused with {@code OVERLOADED}. */
  public long overloaded() {
    return (long) rejected.count();
  }

  /** Cloud answers that came too late. */
  public long lateCloudResults() {
    return (long) lateCloud.count();
  }

  /** Tails run on the edge after the cloud failed to answer. */
  public long fallbacks() {
    return (long) fallbacks.count();
  }

  private long sum(String tag, String value) {
    double n = 0;
    for (Counter c : registry.find(REQUESTS).tag(tag, value).counters()) {
      n += c.count();
    }
    return (long) n;
  }

  /** A served model's id; any other name (a sensor's typo, an attacker's) is {@code other}. */
  private String modelTag(String model) {
    return model != null && served.contains(model) ? model : "other";
  }

  private Counter requests(String model, String outcome, String code) {
    return Counter.builder(REQUESTS)
        .description("replies by model, outcome (sla_met, sla_missed, error) and error code")
        .tags("model", model, "outcome", outcome, "code", code)
        .register(registry);
  }

  private Timer duration(String model, String outcome) {
    return Timer.builder(REQUEST_DURATION)
        .description("time from a request's arrival to its reply")
        .tags("model", model, "outcome", outcome)
        .serviceLevelObjectives(SLA_BUCKETS)
        .register(registry);
  }

  private void stage(String stage, double ms) {
    NodeMeters.record(
        Timer.builder(STAGE_DURATION)
            .description(
                "time of each stage of an ok request: queue, head (with encoding), transfer, tail"
                    + " (with the cloud's queue), reply (post-processing)")
            .tag("stage", stage)
            .register(registry),
        ms);
  }

  private void energy(EnergyReport e) {
    EnergySource cloudSource = e.cloudSource() == null ? e.source() : e.cloudSource();
    NodeMeters.energy(registry, "edge", e.source()).increment(e.edge());
    NodeMeters.energy(registry, "cloud", cloudSource).increment(e.cloud());
  }

  private Counter counter(String name, String description) {
    return Counter.builder(name).description(description).register(registry);
  }

  private void estimateGauge(
      String name,
      String unit,
      String description,
      String side,
      Function<LiveEstimates, Double> value) {
    Gauge.Builder<AtomicReference<LiveEstimates>> b =
        Gauge.builder(
                name,
                estimates,
                ref -> {
                  Double v = value.apply(ref.get());
                  return v == null ? Double.NaN : v;
                })
            .description("live estimate: " + description + " (NaN until observed)");
    if (unit != null) {
      b.baseUnit(unit);
    }
    if (side != null) {
      b.tag("side", side);
    }
    b.register(registry);
  }

  private static Double seconds(Double ms) {
    return ms == null ? null : ms / 1000.0;
  }
}
