package io.dynasplit.app.channel;

import io.dynasplit.app.profile.InProcessDataPlane;
import io.dynasplit.app.profile.LiveProfiler;
import io.dynasplit.app.profile.PendingReplies;
import io.dynasplit.app.profile.PlaneOptions;
import io.dynasplit.app.profile.SplitSweep;
import io.dynasplit.cloud.EmulatedConditions;
import io.dynasplit.edge.EmulatedEdge;
import io.dynasplit.edge.StageTimes;
import io.dynasplit.models.runtime.SplitParts;
import io.dynasplit.optimizer.pool.SimulationPool;
import io.dynasplit.optimizer.pool.SlaWorkload;
import io.dynasplit.optimizer.simulation.RequestOutcome;
import io.dynasplit.optimizer.simulation.Scenario;
import io.dynasplit.optimizer.simulation.SimulationResult;
import io.dynasplit.optimizer.simulation.Simulator;
import io.dynasplit.optimizer.simulation.Strategy;
import io.dynasplit.scheduler.AdaptiveSettings;
import io.dynasplit.scheduler.Policy;
import io.dynasplit.schemas.Codec;
import io.dynasplit.schemas.Configuration;
import io.dynasplit.schemas.ErrorReply;
import io.dynasplit.schemas.FrontEntry;
import io.dynasplit.schemas.InferenceReply;
import io.dynasplit.schemas.InferenceRequest;
import io.dynasplit.schemas.Json;
import io.dynasplit.schemas.ParetoFront;
import io.dynasplit.schemas.Reply;
import io.dynasplit.schemas.RequestInput;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A slow channel, for real: the edge reaches its cloud worker through a {@link ThrottlingProxy}
 * (its tail client's MQTT connection crosses it; requests and replies do not), on an emulated
 * slower edge device ({@link EmulatedEdge}: on one machine the head and the tail share a CPU, so
 * without it the whole model on the edge is always fastest and nothing is ever split).
 *
 * <ol>
 *   <li>Profiles the model through the channel under normal shaping: evenly spaced splits times the
 *       codecs, the same {@link LiveProfiler} as {@code dynasplit profile}.
 *   <li>Draws each request's SLA from a {@link SlaRange} between the fastest split configuration
 *       and past the whole model on the edge: under normal shaping the tight ones take a split, the
 *       loose ones may run on the edge.
 *   <li>Runs the {@code adaptive} policy over the real data plane as an open loop, three phases:
 *       normal, the bandwidth cut to {@code cutFactor} of normal, normal again.
 *   <li>Replays the same SLAs and conditions in the simulator over the profiled runs, for the
 *       oracle (which knows the conditions) and the simulated adaptive policy.
 * </ol>
 *
 * @implNote blocking; run it from one thread.
 */
public final class ChannelExperiment {

  private static final Logger LOG = LoggerFactory.getLogger(ChannelExperiment.class);
  private static final long DRAIN_GRACE_MS = 30_000;
  private static final long WARM_UP_SLA_MS = 60_000;

  /**
   * How the experiment runs.
   *
   * @param model the model
   * @param edgeSlowdown how many times slower the emulated edge device computes, {@code >= 1}
   * @param normal the channel's shaping under normal conditions (and while profiling)
   * @param cutFactor the bandwidth in the middle phase relative to normal, in (0, 1)
   * @param profileSplits at most this many evenly spaced candidate splits to profile, {@code >= 2}
   * @param codecs the codecs to profile each split with
   * @param profile measured and warm-up requests per configuration
   * @param requestsPerPhase live requests in each phase, {@code >= 1}
   * @param intervalMs the gap between live requests
   * @param warmUp requests sent one after another before the phases (sessions, live estimates)
   * @param seed the simulator's seed
   */
  public record Settings(
      String model,
      double edgeSlowdown,
      ChannelShaping normal,
      double cutFactor,
      int profileSplits,
      List<Codec> codecs,
      LiveProfiler.Settings profile,
      int requestsPerPhase,
      long intervalMs,
      int warmUp,
      long seed) {

    /** Checks the values. */
    public Settings {
      Objects.requireNonNull(model, "model");
      Objects.requireNonNull(normal, "normal");
      Objects.requireNonNull(profile, "profile");
      codecs = List.copyOf(codecs);
      if (!(edgeSlowdown >= 1) || Double.isInfinite(edgeSlowdown)) {
        throw new IllegalArgumentException("edgeSlowdown must be a finite number >= 1");
      }
      if (normal.uplinkMbps() == 0) {
        throw new IllegalArgumentException("normal must limit the uplink's bandwidth");
      }
      if (!(cutFactor > 0 && cutFactor < 1)) {
        throw new IllegalArgumentException("cutFactor must be in (0, 1): " + cutFactor);
      }
      if (profileSplits < 2 || codecs.isEmpty() || requestsPerPhase < 1 || intervalMs < 1) {
        throw new IllegalArgumentException(
            "profileSplits must be >= 2, codecs not empty, requestsPerPhase and intervalMs >= 1");
      }
      if (warmUp < 0) {
        throw new IllegalArgumentException("warmUp must be >= 0: " + warmUp);
      }
    }

    /**
     * The demo's defaults for {@code model}: an edge 20 times slower than this machine, 100 Mbit/s
     * up and down with 5 ms each way, cut to a tenth; 8 splits times fp32, fp16 and int8, 5
     * measured requests each; 150 requests per phase, one every 60 ms.
     */
    public static Settings defaults(String model) {
      return new Settings(
          model,
          20,
          new ChannelShaping(100, 100, 5),
          0.1,
          8,
          List.of(Codec.FP32, Codec.FP16, Codec.INT8),
          new LiveProfiler.Settings(5, 2),
          150,
          60,
          30,
          1);
    }

    /** The three phases' names and bandwidth factors. */
    List<Map.Entry<String, Double>> phases() {
      String cut =
          String.format(
              Locale.ROOT,
              "cut x%s",
              cutFactor == 0.1 ? "0.1" : String.format(Locale.ROOT, "%.3g", cutFactor));
      return List.of(Map.entry("normal", 1.0), Map.entry(cut, cutFactor), Map.entry("normal", 1.0));
    }
  }

  private ChannelExperiment() {}

  /**
   * Runs the experiment.
   *
   * @param inputs the sample inputs requests carry, in turn
   * @param onStep called after each profiled and each live request (a progress bar's step)
   * @throws IllegalStateException when the emulated edge is not slow enough for any split to beat
   *     the whole model on the edge (raise {@code edgeSlowdown})
   */
  public static ChannelResult run(
      SplitParts parts, List<RequestInput> inputs, Settings settings, Runnable onStep)
      throws Exception {
    long started = System.nanoTime();
    PlaneOptions options =
        PlaneOptions.DEFAULT.withEmulatedEdge(
            EmulatedEdge.slowerBy(settings.edgeSlowdown()), settings.normal());
    SplitSweep sweep =
        new SplitSweep(
            SplitSweep.evenlySpaced(parts.candidates(settings.model()), settings.profileSplits()),
            settings.codecs());
    List<LiveProfiler.Measurement> measured;
    try (LiveProfiler profiler =
        LiveProfiler.start(parts, settings.model(), inputs, settings.profile(), onStep, options)) {
      measured = sweep.measure(profiler, (done, total, m) -> {});
    }
    ParetoFront front = SplitSweep.front(settings.model(), measured);
    SlaRange range = SlaRange.of(front);
    long[] slas =
        range.draw(settings.requestsPerPhase() * settings.phases().size(), settings.seed());
    LOG.info("channel experiment: SLAs drawn from {}", range);
    long[] channelBytes = new long[settings.phases().size()];
    List<ChannelOutcome> live =
        runLive(parts, inputs, settings, options, front, slas, channelBytes, onStep);
    List<FrontEntry> runs = measured.stream().flatMap(m -> m.runs().stream()).toList();
    SimulationResult simulated = simulate(settings, front, runs, slas);
    return new ChannelResult(
        settings,
        range,
        front,
        live,
        summarize(settings, front, live, channelBytes, simulated),
        (System.nanoTime() - started) / 1e9);
  }

  private static List<ChannelOutcome> runLive(
      SplitParts parts,
      List<RequestInput> inputs,
      Settings settings,
      PlaneOptions options,
      ParetoFront front,
      long[] slas,
      long[] channelBytes,
      Runnable onStep)
      throws Exception {
    PendingReplies<Heard> replies = new PendingReplies<>();
    List<Map.Entry<String, Double>> phases = settings.phases();
    int n = settings.requestsPerPhase() * phases.size();
    try (InProcessDataPlane plane =
        InProcessDataPlane.start(
            parts,
            List.of(settings.model()),
            (reply, times, publishMs) -> replies.heard(reply.id(), new Heard(reply, times)),
            1,
            options,
            EmulatedConditions.none())) {
      ThrottlingProxy channel = plane.channel().orElseThrow();
      plane.publishFront(front);
      for (int i = 0; i < settings.warmUp(); i++) {
        String id = "channel-warm-" + i;
        plane.request(payload(id, settings.model(), WARM_UP_SLA_MS, inputs.get(i % inputs.size())));
        replies.awaitUntil(id, System.currentTimeMillis() + WARM_UP_SLA_MS);
      }
      long next = System.nanoTime();
      int phase = -1;
      long phaseStartBytes = channel.bytesUp();
      for (int i = 0; i < n; i++) {
        int p = i / settings.requestsPerPhase();
        if (p != phase) {
          if (phase >= 0) {
            channelBytes[phase] = channel.bytesUp() - phaseStartBytes;
            phaseStartBytes = channel.bytesUp();
          }
          phase = p;
          channel.shape(settings.normal().withBandwidthTimes(phases.get(p).getValue()));
        }
        for (long wait = next - System.nanoTime(); wait > 0; wait = next - System.nanoTime()) {
          LockSupport.parkNanos(wait);
        }
        plane.request(
            payload("channel-" + i, settings.model(), slas[i], inputs.get(i % inputs.size())));
        onStep.run();
        next += TimeUnit.MILLISECONDS.toNanos(settings.intervalMs());
      }
      long deadline =
          System.currentTimeMillis() + Arrays.stream(slas).max().orElse(0) + DRAIN_GRACE_MS;
      List<ChannelOutcome> outcomes = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        outcomes.add(
            outcome(
                i, i / settings.requestsPerPhase(), replies.awaitUntil("channel-" + i, deadline)));
      }
      channelBytes[phase] = channel.bytesUp() - phaseStartBytes;
      channel.shape(settings.normal());
      return outcomes;
    }
  }

  private static byte[] payload(String id, String model, long slaMs, RequestInput input) {
    return Json.toBytes(
        InferenceRequest.of(id, model, slaMs, input).withPolicy(Policy.ADAPTIVE.wireName()));
  }

  /** A reply the edge sent, and where its time went (null for an error reply). */
  private record Heard(Reply reply, StageTimes times) {}

  private static ChannelOutcome outcome(int index, int phase, Heard heard) {
    if (heard != null && heard.reply() instanceof InferenceReply ok) {
      long bytes = heard.times() != null ? heard.times().bytes() : 0;
      return new ChannelOutcome(
          index,
          phase,
          "ok",
          ok.config().split(),
          ok.config().codec().wireName(),
          bytes,
          ok.timing().totalMs(),
          ok.slaMet(),
          Boolean.TRUE.equals(ok.fallback()));
    }
    String status =
        heard != null && heard.reply() instanceof ErrorReply e ? e.code().name() : "NO_REPLY";
    return new ChannelOutcome(index, phase, status, -1, "", 0, 0, false, false);
  }

  private static SimulationResult simulate(
      Settings settings, ParetoFront front, List<FrontEntry> runs, long[] slaMs) {
    int perPhase = settings.requestsPerPhase();
    List<Map.Entry<String, Double>> phases = settings.phases();
    double[] slas = Arrays.stream(slaMs).asDoubleStream().toArray();
    List<Scenario.Step> steps = new ArrayList<>();
    for (int p = 0; p < phases.size(); p++) {
      steps.add(new Scenario.Step(p * perPhase, phases.get(p).getValue(), 1));
    }
    Simulator simulator =
        new Simulator(
            SimulationPool.of(settings.model(), "channel profile", runs),
            front,
            new SlaWorkload(settings.model(), slas),
            new Scenario(Scenario.Axis.REQUEST, steps),
            settings.seed(),
            AdaptiveSettings.DEFAULT);
    return simulator.run(List.of(Strategy.ORACLE, Strategy.of(Policy.ADAPTIVE)), () -> {});
  }

  private static List<ChannelPhase> summarize(
      Settings settings,
      ParetoFront front,
      List<ChannelOutcome> live,
      long[] channelBytes,
      SimulationResult simulated) {
    Map<Configuration, Long> bytesOf = new LinkedHashMap<>();
    front.entries().forEach(e -> bytesOf.put(e.config(), e.bytes()));
    List<RequestOutcome> oracle = simulated.outcomesOf(Strategy.ORACLE.name());
    List<RequestOutcome> adaptive = simulated.outcomesOf(Policy.ADAPTIVE.wireName());
    List<Map.Entry<String, Double>> phases = settings.phases();
    List<ChannelPhase> out = new ArrayList<>();
    for (int p = 0; p < phases.size(); p++) {
      int phase = p;
      List<ChannelOutcome> mine = live.stream().filter(o -> o.phase() == phase).toList();
      int from = p * settings.requestsPerPhase();
      int to = from + settings.requestsPerPhase();
      List<RequestOutcome> o = oracle.subList(from, to);
      List<RequestOutcome> a = adaptive.subList(from, to);
      out.add(
          new ChannelPhase(
              phases.get(p).getKey(),
              phases.get(p).getValue(),
              mine.size(),
              pct(mine.stream().filter(ChannelOutcome::slaMet).count(), mine.size()),
              mine.stream()
                  .filter(x -> x.status().equals("ok"))
                  .mapToLong(ChannelOutcome::bytes)
                  .average()
                  .orElse(0),
              mine.isEmpty() ? 0 : (double) channelBytes[p] / mine.size(),
              configurations(mine),
              pct(o.stream().filter(RequestOutcome::slaMet).count(), o.size()),
              o.stream().mapToLong(r -> bytesOf.getOrDefault(r.config(), 0L)).average().orElse(0),
              pct(a.stream().filter(RequestOutcome::slaMet).count(), a.size())));
    }
    return out;
  }

  /** The configurations chosen, most used first, as {@code split/codec share%}. */
  private static String configurations(List<ChannelOutcome> outcomes) {
    Map<String, Long> counts =
        outcomes.stream()
            .filter(o -> o.split() >= 0)
            .collect(
                Collectors.groupingBy(
                    o -> o.split() + "/" + o.codec(), LinkedHashMap::new, Collectors.counting()));
    return counts.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
        .limit(4)
        .map(
            e ->
                String.format(
                    Locale.ROOT, "%s %.0f%%", e.getKey(), 100.0 * e.getValue() / outcomes.size()))
        .collect(Collectors.joining(", "));
  }

  private static double pct(long part, int whole) {
    return whole == 0 ? 0 : 100.0 * part / whole;
  }
}
