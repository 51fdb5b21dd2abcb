package io.dynasplit.edge.pipeline;

import io.dynasplit.edge.EdgeMetrics;
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
import io.dynasplit.schemas.ErrorReply;
import io.dynasplit.schemas.TailRequestHeader;
import io.dynasplit.schemas.Tensor;
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
 * CLOUD_UNAVAILABLE}), post-processes the output and answers with the reply of ARCHITECTURE 4.5. It
 * keeps only the wiring (event bus, timers, promises): each step is recorded in the request's
 * {@link RequestProgress}, and {@link ReplyAssembler} composes every reply from it, ok or error.
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
  private final EdgeMetrics metrics;
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
      EdgeMetrics metrics) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.models = Objects.requireNonNull(models, "models");
    this.meter = Objects.requireNonNull(meter, "meter");
    this.hardware = hardware;
    this.metrics = Objects.requireNonNull(metrics, "metrics");
  }

  @Override
  public Future<?> start() {
    consumer =
        vertx.eventBus().consumer(EdgeAddresses.pipeline(settings.edgeId()), this::onRequest);
    return consumer.completion();
  }

  private void onRequest(Message<AdmittedRequest> message) {
    AdmittedRequest r = message.body();
    RequestProgress p = new RequestProgress(r);
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
              if (answer.tryComplete(new Outcome(ReplyAssembler.stopped(p), null))) {
                LOG.info(
                    "request given up at its deadline plus grace [request: {}, trace: {}, stage:"
                        + " {}]",
                    r.id(),
                    r.trace().traceId(),
                    p.stage());
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
          metrics.release();
          answer.tryComplete(
              ar.succeeded() ? ar.result() : new Outcome(errorReply(r, ar.cause()), null));
        });
    answer.future().onSuccess(message::reply);
  }

  private Future<Outcome> run(RequestProgress p) {
    AdmittedRequest r = p.request();
    double budget = Math.max(MIN_BUDGET_MS, (r.deadlineNanos() - System.nanoTime()) / 1e6);
    ScheduleQuery q =
        new ScheduleQuery(r.model(), budget, r.policy(), r.failIfInfeasible(), metrics.inFlight());
    return vertx
        .eventBus()
        .<Plan>request(EdgeAddresses.schedule(settings.edgeId()), q)
        .map(Message::body)
        .compose(
            plan ->
                switch (plan.decision().status()) {
                  case UNKNOWN_MODEL -> Future.failedFuture(ReplyAssembler.unknownModel(r));
                  case INFEASIBLE -> Future.failedFuture(ReplyAssembler.infeasible(r));
                  case MEETS_SLA, MISSES_SLA -> applyHardware(plan).compose(v -> execute(p, plan));
                })
        .onComplete(
            ar -> {
              if (ar.failed()) {
                p.discardWindow();
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
        .recover(e -> Future.failedFuture(ReplyAssembler.hardwareFailed(e)))
        .onSuccess(
            applied -> {
              metrics.hardwareSwitched(
                  applied.cpuFrequencyChanged(),
                  applied.acceleratorPowerChanged(),
                  applied.millis());
              vertx
                  .eventBus()
                  .send(
                      EdgeAddresses.observe(settings.edgeId()),
                      new HardwareUpdate(applied.configuration(), hardware.switchCosts()));
            })
        .mapEmpty();
  }

  private Future<Outcome> execute(RequestProgress p, Plan plan) {
    AdmittedRequest r = p.request();
    p.edgeStarted(plan, System.nanoTime(), meter.open());
    Configuration config = p.config();
    String provider = ExecutionProvider.of(config.edgeAccelerator()).wireName();
    boolean allEdge =
        config.split() >= models.allEdgeSplit(r.model())
            || Configuration.CLOUD_NONE.equals(config.cloudAccelerator());
    Future<List<Tensor>> outputs;
    if (allEdge) {
      InferenceJob job =
          new InferenceJob(
              r.model(),
              InferenceJob.Stage.FULL,
              0,
              provider,
              config.threads(),
              r.inputs(),
              null,
              null,
              stopNanos(r));
      outputs =
          inferOnEdge(job)
              .map(
                  res -> {
                    p.modelRan(res.startedNanos(), res.computeMs());
                    return res.outputs();
                  });
    } else {
      int split = config.split();
      TailRequestHeader header =
          new TailRequestHeader(
              r.id(),
              r.model(),
              split,
              r.slaMs(),
              r.deadlineAtMs(),
              r.receivedAtMs(),
              System.currentTimeMillis(),
              config.codec(),
              settings.edgeId());
      InferenceJob job =
          new InferenceJob(
              r.model(),
              split == 0 ? InferenceJob.Stage.PASS : InferenceJob.Stage.HEAD,
              split,
              provider,
              config.threads(),
              r.inputs(),
              header,
              config.codec(),
              stopNanos(r));
      outputs =
          inferOnEdge(job)
              .compose(
                  head -> {
                    p.headRan(
                        head.startedNanos(),
                        head.computeMs(),
                        head.encodeMs(),
                        head.frame().remaining());
                    return callCloud(p, plan, head, provider);
                  });
    }
    return outputs
        .compose(
            out -> {
              p.finishSent(System.nanoTime());
              return vertx
                  .eventBus()
                  .<FinishResult>request(
                      inferenceAddress(), new FinishJob(r.model(), out, r.context(), stopNanos(r)))
                  .map(Message::body);
            })
        .recover(PipelineVerticle::unwrap)
        .map(
            fin -> {
              p.finished(fin.startedNanos(), fin.ms());
              return compose(p, fin);
            });
  }

  private Future<List<Tensor>> callCloud(
      RequestProgress p, Plan plan, InferenceResult head, String provider) {
    AdmittedRequest r = p.request();
    long untilDeadline = r.deadlineNanos() - System.nanoTime();
    long waitMs = new TailBudget(plan.localTailMs()).cloudWaitMs(untilDeadline);
    long expiry = TailBudget.expirySeconds(untilDeadline);
    TailCall call = new TailCall(r.id(), head.frame(), waitMs, expiry, r.trace());
    DeliveryOptions options =
        new DeliveryOptions().setSendTimeout(waitMs + settings.graceMs() + 1000);
    p.cloudCalled();
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
                p.cloudAnswered(answer);
                return Future.succeededFuture(answer.outputs());
              }
              TailFailure failure = (TailFailure) body;
              if (failure.kind() == TailFailure.Kind.TIMEOUT && p.bytes() > 0) {
                vertx
                    .eventBus()
                    .send(
                        EdgeAddresses.observe(settings.edgeId()),
                        new CensoredTransfer(p.entry(), p.bytes(), waitMs));
              }
              return fallback(p, head, provider, failure);
            });
  }

  private Future<List<Tensor>> fallback(
      RequestProgress p, InferenceResult head, String provider, TailFailure failure) {
    AdmittedRequest r = p.request();
    Configuration config = p.config();
    double leftMs = (r.deadlineNanos() - System.nanoTime()) / 1e6;
    if (!new TailBudget(p.localTailMs()).localTailFits(leftMs)) {
      LOG.info(
          "cloud did not answer, no time for a local tail [request: {}, trace: {}, split: {}]: {}",
          r.id(),
          r.trace().traceId(),
          config.split(),
          failure.message());
      return Future.failedFuture(ReplyAssembler.noTimeForLocalTail(failure, leftMs));
    }
    LOG.info(
        "cloud did not answer, running the tail on the edge [request: {}, trace: {}, split: {}]:"
            + " {}",
        r.id(),
        r.trace().traceId(),
        config.split(),
        failure.message());
    metrics.fallback();
    p.fellBack();
    int split = config.split();
    InferenceJob job =
        split == 0
            ? new InferenceJob(
                r.model(),
                InferenceJob.Stage.FULL,
                0,
                provider,
                config.threads(),
                r.inputs(),
                null,
                null,
                stopNanos(r))
            : new InferenceJob(
                r.model(),
                InferenceJob.Stage.TAIL,
                split,
                provider,
                config.threads(),
                head.outputs(),
                null,
                null,
                stopNanos(r));
    long sent = System.nanoTime();
    return infer(job)
        .map(
            res -> {
              p.localTailRan(sent, res.startedNanos(), res.computeMs());
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
    metrics.enterEdgeStage();
    return infer(job).onComplete(ar -> metrics.leaveEdgeStage());
  }

  private String inferenceAddress() {
    return EdgeAddresses.inference(settings.edgeId());
  }

  /** Ends the edge's energy window, composes the ok reply and tells the scheduler what it saw. */
  private Outcome compose(RequestProgress p, FinishResult fin) {
    EnergyReading edge = p.closeWindow();
    Outcome outcome = ReplyAssembler.ok(p, fin.output(), edge, System.nanoTime());
    vertx.eventBus().send(EdgeAddresses.observe(settings.edgeId()), ReplyAssembler.observation(p));
    return outcome;
  }

  /** When the request is given up: its deadline plus the grace, {@link System#nanoTime()} scale. */
  private long stopNanos(AdmittedRequest r) {
    return r.deadlineNanos() + settings.graceMs() * 1_000_000L;
  }

  /** Maps a failure of any stage to the error reply of the request, logging unexpected ones. */
  private static ErrorReply errorReply(AdmittedRequest r, Throwable e) {
    if (!(e instanceof PipelineException)) {
      LOG.error(
          "request failed unexpectedly [request: {}, trace: {}, model: {}]",
          r.id(),
          r.trace().traceId(),
          r.model(),
          e);
    }
    return ReplyAssembler.error(r, e);
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
    return Future.failedFuture(ReplyAssembler.inferenceUnavailable(e));
  }
}
