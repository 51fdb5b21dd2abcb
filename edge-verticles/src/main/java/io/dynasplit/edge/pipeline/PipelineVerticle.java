package io.dynasplit.edge.pipeline;

import io.dynasplit.edge.EdgeCounters;
import io.dynasplit.edge.EdgeSettings;
import io.dynasplit.edge.hardware.HardwareControl;
import io.dynasplit.edge.inference.FinishJob;
import io.dynasplit.edge.inference.FinishResult;
import io.dynasplit.edge.inference.HeadInferenceVerticle;
import io.dynasplit.edge.inference.InferenceJob;
import io.dynasplit.edge.inference.InferenceResult;
import io.dynasplit.edge.inference.ServedModels;
import io.dynasplit.energy.EnergyMeter;
import io.dynasplit.energy.EnergyReading;
import io.dynasplit.models.runtime.ExecutionProvider;
import io.dynasplit.schemas.Configuration;
import io.dynasplit.schemas.EnergyReport;
import io.dynasplit.schemas.EnergySource;
import io.dynasplit.schemas.ErrorCode;
import io.dynasplit.schemas.ErrorReply;
import io.dynasplit.schemas.FrontEntry;
import io.dynasplit.schemas.InferenceReply;
import io.dynasplit.schemas.TailRequestHeader;
import io.dynasplit.schemas.Tensor;
import io.dynasplit.schemas.Timing;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an admitted request through the edge (ARCHITECTURE 3, steps 3 to 9): asks the scheduler for
 * a configuration, has the hardware apply its hardware part (when the edge manages it), runs the
 * head (or the whole model) on the inference workers with the edge's energy metered over the
 * window, sends the intermediate to the cloud through the tail client, falls back to the edge's own
 * tail when the cloud does not answer in time (if that can still meet the deadline, else {@code
 * CLOUD_UNAVAILABLE}), post-processes the output and composes the reply of ARCHITECTURE 4.5 with
 * timing, configuration and energy.
 *
 * <p>It answers every request exactly once, with an {@link Outcome} whose reply is either ok or an
 * error; it never fails the message. It may answer (give up) before the request's work has ended;
 * it gives the request's admission slot back only when that work has ended, so that the admission
 * bound also bounds the inference workers' queue. Its jobs carry the request's deadline plus grace,
 * and the workers skip those that waited past it.
 */
public final class PipelineVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(PipelineVerticle.class);

  /** How long before the ingress's hard stop the pipeline gives up on a request. */
  private static final long STOP_MARGIN_MS = 50;

  /** The smallest budget a query is made with, for requests that arrive at their deadline. */
  private static final double MIN_BUDGET_MS = 1;

  private final EdgeSettings settings;
  private final ServedModels models;
  private final EnergyMeter meter;
  private final HardwareControl hardware;
  private final EdgeCounters counters;
  private MessageConsumer<AdmittedRequest> consumer;

  /**
   * A pipeline over the served models.
   *
   * @param meter meters the edge's energy over each request's edge window
   * @param hardware applies the hardware part of each configuration before its head runs; null when
   *     this edge does not manage its hardware
   */
  public PipelineVerticle(
      EdgeSettings settings,
      ServedModels models,
      EnergyMeter meter,
      HardwareControl hardware,
      EdgeCounters counters) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.models = Objects.requireNonNull(models, "models");
    this.meter = Objects.requireNonNull(meter, "meter");
    this.hardware = hardware;
    this.counters = Objects.requireNonNull(counters, "counters");
  }

  @Override
  public Future<?> start() {
    consumer =
        vertx.eventBus().consumer(EdgeAddresses.pipeline(settings.edgeId()), this::onRequest);
    return consumer.completion();
  }

  private void onRequest(Message<AdmittedRequest> message) {
    AdmittedRequest r = message.body();
    Progress p = new Progress(r);
    Promise<Outcome> answer = Promise.promise();
    // give up a little before the ingress would, so that the reply says which stage did not finish
    long stopMs =
        Math.max(
            1,
            (r.deadlineNanos() - System.nanoTime()) / 1_000_000L
                + settings.graceMs()
                - STOP_MARGIN_MS);
    long timer =
        vertx.setTimer(
            stopMs,
            t -> {
              if (answer.tryComplete(new Outcome(stopped(p), null))) {
                LOG.info(
                    "request given up at its deadline plus grace [request: {}, stage: {}]",
                    r.id(),
                    p.stage);
              }
            });
    Future<Outcome> work;
    try {
      work = run(p);
    } catch (RuntimeException e) {
      work = Future.failedFuture(e);
    }
    work.onComplete(
        ar -> {
          vertx.cancelTimer(timer);
          // the pipeline has finished with the request (its jobs ran or were skipped): free its
          // slot
          counters.release();
          answer.tryComplete(
              ar.succeeded() ? ar.result() : new Outcome(errorReply(r, ar.cause()), null));
        });
    answer.future().onSuccess(message::reply);
  }

  private static ErrorReply stopped(Progress p) {
    AdmittedRequest r = p.request;
    return switch (p.stage) {
      case CLOUD, FALLBACK ->
          ErrorReply.of(
              r.id(),
              r.model(),
              ErrorCode.CLOUD_UNAVAILABLE,
              "the cloud did not answer in time and the edge could not finish the tail itself"
                  + " within the deadline plus grace");
      case SCHEDULE, EDGE, FINISH ->
          ErrorReply.of(
              r.id(),
              r.model(),
              ErrorCode.INTERNAL,
              "the edge did not finish the request (stage "
                  + p.stage.name().toLowerCase(java.util.Locale.ROOT)
                  + ") within the deadline plus grace");
    };
  }

  /** Where a request is, for the reply of one that is given up. */
  private enum Stage {
    SCHEDULE,
    EDGE,
    CLOUD,
    FALLBACK,
    FINISH
  }

  /** One request's mutable progress, confined to this verticle's event loop. */
  private static final class Progress {
    final AdmittedRequest request;
    Stage stage = Stage.SCHEDULE;
    FrontEntry entry;
    Configuration config;
    double localTailMs;
    EnergyMeter.Window window;
    long startNanos;
    double workerWaitMs;
    double headMs;
    double encodeMs;
    double transferMs;
    double cloudQueueMs;
    double tailMs;
    double cloudMs;
    double finishMs;
    long finishSentNanos;
    long bytes;
    boolean fallback;
    boolean cloudAnswered;
    double cloudJoules;
    EnergySource cloudSource;

    Progress(AdmittedRequest request) {
      this.request = request;
    }
  }

  private Future<Outcome> run(Progress p) {
    AdmittedRequest r = p.request;
    double budget = Math.max(MIN_BUDGET_MS, (r.deadlineNanos() - System.nanoTime()) / 1e6);
    ScheduleQuery q =
        new ScheduleQuery(r.model(), budget, r.policy(), r.failIfInfeasible(), counters.inFlight());
    return vertx
        .eventBus()
        .<Plan>request(EdgeAddresses.schedule(settings.edgeId()), q)
        .map(Message::body)
        .compose(
            plan ->
                switch (plan.decision().status()) {
                  case UNKNOWN_MODEL ->
                      Future.failedFuture(
                          new PipelineException(
                              ErrorCode.UNKNOWN_MODEL, "no pareto front for model " + r.model()));
                  case INFEASIBLE ->
                      Future.failedFuture(
                          new PipelineException(
                              ErrorCode.SLA_INFEASIBLE,
                              "no configuration of "
                                  + r.model()
                                  + " is expected to answer within "
                                  + r.slaMs()
                                  + " ms"));
                  case MEETS_SLA, MISSES_SLA -> applyHardware(plan).compose(v -> execute(p, plan));
                })
        .onComplete(
            ar -> {
              if (p.window != null && ar.failed()) {
                p.window.close();
              }
            });
  }

  /**
   * Puts the edge's hardware in the configuration's state (no-op when already there or not
   * managed).
   */
  private Future<Void> applyHardware(Plan plan) {
    if (hardware == null) {
      return Future.succeededFuture();
    }
    return hardware
        .apply(plan.decision().entry().config())
        .recover(
            e ->
                Future.failedFuture(
                    new PipelineException(
                        ErrorCode.INTERNAL,
                        "cannot apply the hardware configuration: " + e.getMessage())))
        .onSuccess(
            applied ->
                vertx
                    .eventBus()
                    .send(
                        EdgeAddresses.observe(settings.edgeId()),
                        new HardwareUpdate(applied.configuration(), hardware.switchCosts())))
        .mapEmpty();
  }

  private Future<Outcome> execute(Progress p, Plan plan) {
    AdmittedRequest r = p.request;
    p.entry = plan.decision().entry();
    p.config = p.entry.config();
    p.localTailMs = plan.localTailMs();
    p.startNanos = System.nanoTime();
    p.window = meter.open();
    p.stage = Stage.EDGE;
    String provider = ExecutionProvider.of(p.config.edgeAccelerator()).wireName();
    boolean allEdge =
        p.config.split() >= models.allEdgeSplit(r.model())
            || Configuration.CLOUD_NONE.equals(p.config.cloudAccelerator());
    Future<List<Tensor>> outputs;
    if (allEdge) {
      InferenceJob job =
          new InferenceJob(
              r.model(),
              InferenceJob.Stage.FULL,
              0,
              provider,
              p.config.threads(),
              r.inputs(),
              null,
              null,
              stopNanos(r));
      outputs =
          inferOnEdge(job)
              .map(
                  res -> {
                    p.workerWaitMs += (res.startedNanos() - p.startNanos) / 1e6;
                    p.headMs = res.computeMs();
                    return res.outputs();
                  });
    } else {
      int split = p.config.split();
      TailRequestHeader header =
          new TailRequestHeader(
              r.id(),
              r.model(),
              split,
              r.slaMs(),
              r.deadlineAtMs(),
              r.receivedAtMs(),
              System.currentTimeMillis(),
              p.config.codec(),
              settings.edgeId());
      InferenceJob job =
          new InferenceJob(
              r.model(),
              split == 0 ? InferenceJob.Stage.PASS : InferenceJob.Stage.HEAD,
              split,
              provider,
              p.config.threads(),
              r.inputs(),
              header,
              p.config.codec(),
              stopNanos(r));
      outputs =
          inferOnEdge(job)
              .compose(
                  head -> {
                    p.workerWaitMs += (head.startedNanos() - p.startNanos) / 1e6;
                    p.headMs = head.computeMs();
                    p.encodeMs = head.encodeMs();
                    p.bytes = head.frame().remaining();
                    return callCloud(p, plan, head, provider);
                  });
    }
    return outputs
        .compose(
            out -> {
              p.stage = Stage.FINISH;
              p.finishSentNanos = System.nanoTime();
              return vertx
                  .eventBus()
                  .<FinishResult>request(
                      inferenceAddress(), new FinishJob(r.model(), out, r.context(), stopNanos(r)))
                  .map(Message::body);
            })
        .recover(PipelineVerticle::unwrap)
        .map(
            fin -> {
              p.workerWaitMs += (fin.startedNanos() - p.finishSentNanos) / 1e6;
              p.finishMs = fin.ms();
              return compose(p, fin);
            });
  }

  private Future<List<Tensor>> callCloud(
      Progress p, Plan plan, InferenceResult head, String provider) {
    AdmittedRequest r = p.request;
    long untilDeadline = r.deadlineNanos() - System.nanoTime();
    long waitMs = new TailBudget(plan.localTailMs()).cloudWaitMs(untilDeadline);
    long expiry = TailBudget.expirySeconds(untilDeadline);
    TailCall call = new TailCall(r.id(), head.frame(), waitMs, expiry);
    DeliveryOptions options =
        new DeliveryOptions().setSendTimeout(waitMs + settings.graceMs() + 1000);
    p.stage = Stage.CLOUD;
    return vertx
        .eventBus()
        .<Object>request(EdgeAddresses.tail(settings.edgeId()), call, options)
        .map(Message::body)
        .recover(
            e ->
                Future.succeededFuture(
                    new TailFailure(TailFailure.Kind.UNREACHABLE, e.getMessage(), null)))
        .compose(
            body -> {
              if (body instanceof TailAnswer answer) {
                p.cloudAnswered = true;
                var timing = answer.result().timing();
                p.cloudQueueMs = timing.queueMs();
                p.tailMs = timing.computeMs();
                p.cloudMs = timing.totalMs();
                p.transferMs = Math.max(0, answer.roundTripMs() - timing.totalMs());
                if (answer.result().energy() != null) {
                  p.cloudJoules = answer.result().energy().joules();
                  p.cloudSource = answer.result().energy().source();
                }
                return Future.succeededFuture(answer.outputs());
              }
              TailFailure failure = (TailFailure) body;
              return fallback(p, head, provider, failure);
            });
  }

  private Future<List<Tensor>> fallback(
      Progress p, InferenceResult head, String provider, TailFailure failure) {
    AdmittedRequest r = p.request;
    double leftMs = (r.deadlineNanos() - System.nanoTime()) / 1e6;
    if (!new TailBudget(p.localTailMs).localTailFits(leftMs)) {
      LOG.info(
          "cloud did not answer, no time for a local tail [request: {}, split: {}]: {}",
          r.id(),
          p.config.split(),
          failure.message());
      return Future.failedFuture(
          new PipelineException(
              ErrorCode.CLOUD_UNAVAILABLE,
              "the cloud did not answer ("
                  + failure.message()
                  + ") and the edge cannot run the tail within the "
                  + Math.round(Math.max(0, leftMs))
                  + " ms left"));
    }
    LOG.info(
        "cloud did not answer, running the tail on the edge [request: {}, split: {}]: {}",
        r.id(),
        p.config.split(),
        failure.message());
    counters.fallback();
    p.fallback = true;
    p.stage = Stage.FALLBACK;
    int split = p.config.split();
    InferenceJob job =
        split == 0
            ? new InferenceJob(
                r.model(),
                InferenceJob.Stage.FULL,
                0,
                provider,
                p.config.threads(),
                r.inputs(),
                null,
                null,
                stopNanos(r))
            : new InferenceJob(
                r.model(),
                InferenceJob.Stage.TAIL,
                split,
                provider,
                p.config.threads(),
                head.outputs(),
                null,
                null,
                stopNanos(r));
    long sent = System.nanoTime();
    return infer(job)
        .map(
            res -> {
              p.workerWaitMs += (res.startedNanos() - sent) / 1e6;
              p.tailMs = res.computeMs();
              return res.outputs();
            });
  }

  private Future<InferenceResult> infer(InferenceJob job) {
    return vertx
        .eventBus()
        .<InferenceResult>request(inferenceAddress(), job)
        .map(Message::body)
        .recover(PipelineVerticle::unwrap);
  }

  /**
   * A head or full inference, counted while it waits for or runs on a head worker (telemetry's
   * queue).
   */
  private Future<InferenceResult> inferOnEdge(InferenceJob job) {
    counters.enterEdgeStage();
    return infer(job).onComplete(ar -> counters.leaveEdgeStage());
  }

  private String inferenceAddress() {
    return EdgeAddresses.inference(settings.edgeId());
  }

  private Outcome compose(Progress p, FinishResult fin) {
    AdmittedRequest r = p.request;
    EnergyReading edge = p.window.close();
    double totalMs = (System.nanoTime() - r.arrivedNanos()) / 1e6;
    // before the edge work started, plus every wait of its jobs for an inference worker
    double queueMs = (p.startNanos - r.arrivedNanos()) / 1e6 + p.workerWaitMs;
    double edgeMs = p.headMs + p.encodeMs + (p.fallback ? p.tailMs : 0) + p.finishMs;
    Timing timing = new Timing(totalMs, queueMs, edgeMs, p.transferMs, p.cloudMs);
    EnergySource edgeSource = edge.source();
    EnergyReport energy =
        p.cloudSource == null || p.cloudSource == edgeSource
            ? new EnergyReport(edge.joules(), p.cloudJoules, edgeSource, null)
            : new EnergyReport(edge.joules(), p.cloudJoules, edgeSource, p.cloudSource);
    InferenceReply ok =
        InferenceReply.ok(r.id(), r.model(), fin.output(), r.slaMs(), timing, p.config, energy);
    InferenceReply reply = p.fallback ? ok.withFallback() : ok;
    vertx
        .eventBus()
        .send(
            EdgeAddresses.observe(settings.edgeId()),
            new Observation(
                p.entry,
                p.headMs + p.encodeMs,
                p.cloudAnswered ? p.bytes : 0,
                p.cloudAnswered ? p.transferMs : Double.NaN,
                p.cloudAnswered ? p.tailMs : Double.NaN,
                p.cloudAnswered ? p.cloudQueueMs : Double.NaN));
    StageTimes times =
        new StageTimes(
            queueMs,
            p.headMs,
            p.encodeMs,
            p.transferMs,
            p.cloudQueueMs,
            p.tailMs,
            p.finishMs,
            totalMs,
            p.fallback,
            p.bytes);
    return new Outcome(reply, times);
  }

  /** When the request is given up: its deadline plus the grace, {@link System#nanoTime()} scale. */
  private long stopNanos(AdmittedRequest r) {
    return r.deadlineNanos() + settings.graceMs() * 1_000_000L;
  }

  /** Maps a failure of any stage to the error reply of the request. */
  static ErrorReply errorReply(AdmittedRequest r, Throwable e) {
    if (e instanceof PipelineException pe) {
      return ErrorReply.of(r.id(), r.model(), pe.code(), pe.getMessage());
    }
    LOG.error("request failed unexpectedly [request: {}, model: {}]", r.id(), r.model(), e);
    return ErrorReply.of(r.id(), r.model(), ErrorCode.INTERNAL, "internal error: " + e);
  }

  /** Turns an event-bus failure of an inference job into the pipeline's exception. */
  private static <T> Future<T> unwrap(Throwable e) {
    if (e instanceof ReplyException re && re.failureType() == ReplyFailure.RECIPIENT_FAILURE) {
      return Future.failedFuture(
          new PipelineException(
              HeadInferenceVerticle.errorCode(re.failureCode()), re.getMessage()));
    }
    if (e instanceof PipelineException) {
      return Future.failedFuture(e);
    }
    return Future.failedFuture(
        new PipelineException(ErrorCode.INTERNAL, "edge inference unavailable: " + e.getMessage()));
  }
}
