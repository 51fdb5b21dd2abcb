package io.dynasplit.edge.ingress;

import io.dynasplit.edge.EdgeMetrics;
import io.dynasplit.edge.EdgeSettings;
import io.dynasplit.edge.StageTimes;
import io.dynasplit.edge.inference.HeadInferenceVerticle;
import io.dynasplit.edge.inference.PrepareJob;
import io.dynasplit.edge.inference.ServedModels;
import io.dynasplit.edge.pipeline.AdmittedRequest;
import io.dynasplit.edge.pipeline.EdgeAddresses;
import io.dynasplit.edge.pipeline.Outcome;
import io.dynasplit.edge.pipeline.PipelineException;
import io.dynasplit.scheduler.Policy;
import io.dynasplit.schemas.ErrorCode;
import io.dynasplit.schemas.ErrorReply;
import io.dynasplit.schemas.InferenceReply;
import io.dynasplit.schemas.Json;
import io.dynasplit.schemas.Reply;
import io.dynasplit.schemas.RequestHeader;
import io.dynasplit.schemas.WireLimits;
import io.dynasplit.schemas.mqtt.TraceParent;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What both ingress paths (the broker client and the direct sensor endpoint) do with a request:
 * admit it against the edge's bound ({@code OVERLOADED} at once past it), decode and validate it
 * (JSON envelope or tensor frame) on a worker thread, pre-process its input on the inference
 * workers, hand it to the pipeline, and publish its one reply through a {@link ReplySink}.
 *
 * <p>Exactly one reply per request: every path ends in {@code reply}, once; if the pipeline has not
 * answered by the deadline plus the grace, the handler answers with an error itself and drops
 * whatever the pipeline answers later. The admission slot is given back when the request's work has
 * ended, not when it is answered: here for a request that never reached the pipeline, by the
 * pipeline for the others. Use it from one event loop (the owning verticle's).
 */
public final class RequestHandler {

  private static final Logger LOG = LoggerFactory.getLogger(RequestHandler.class);

  private final Vertx vertx;
  private final EdgeSettings settings;
  private final ServedModels models;
  private final EdgeMetrics metrics;
  private final ReplyListener listener;

  /** A handler; {@code listener} hears every reply. */
  public RequestHandler(
      Vertx vertx,
      EdgeSettings settings,
      ServedModels models,
      EdgeMetrics metrics,
      ReplyListener listener) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.models = Objects.requireNonNull(models, "models");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.listener = Objects.requireNonNull(listener, "listener");
  }

  /** One request's reply state, confined to the event loop. */
  private static final class Exchange {
    final String responseTopic;
    final byte[] correlation;
    final ReplySink sink;
    final long arrivedNanos;
    final long receivedAtMs;

    /** The edge's span of the request's trace: the sender's trace continued, or a new one. */
    final TraceParent trace;

    ReplyRoute route;
    String id;
    long slaMs;
    boolean replied;
    boolean inPipeline;
    long timer = -1;

    Exchange(RequestProperties properties, ReplySink sink) {
      this.responseTopic = properties.responseTopic();
      this.correlation = properties.correlation();
      this.sink = sink;
      this.arrivedNanos = System.nanoTime();
      this.receivedAtMs = System.currentTimeMillis();
      this.trace =
          TraceParent.parse(properties.traceParent())
              .map(TraceParent::child)
              .orElseGet(TraceParent::start);
    }

    /** Milliseconds since the request arrived. */
    long elapsedMs() {
      return (System.nanoTime() - arrivedNanos) / 1_000_000L;
    }
  }

  /**
   * Takes one request; its reply goes out through {@code sink}, exactly once. A request whose
   * message expiry ran out on its way here (the broker forwarded 0 s of it) is answered {@code
   * DEADLINE_EXCEEDED} at once, without being admitted: its sender has stopped waiting. (Its
   * deadline is counted from its arrival, so the expiry is the only sign that it is already late.)
   *
   * @param payload the MQTT payload
   * @param properties the request's MQTT 5 properties
   * @param sink where the reply is published
   */
  public void handle(byte[] payload, RequestProperties properties, ReplySink sink) {
    Exchange x = new Exchange(properties, sink);
    if (properties.expired()) {
      RequestDecoder.Peek peek = RequestDecoder.peek(payload);
      routeFromPeek(x, peek);
      reply(
          x,
          ErrorReply.of(
              x.id,
              safeId(peek.model()),
              ErrorCode.DEADLINE_EXCEEDED,
              "the request's message expiry ran out before it reached edge " + settings.edgeId()),
          null);
      return;
    }
    if (!metrics.tryAdmit()) {
      RequestDecoder.Peek peek = RequestDecoder.peek(payload);
      routeFromPeek(x, peek);
      reply(
          x,
          ErrorReply.of(
              x.id,
              safeId(peek.model()),
              ErrorCode.OVERLOADED,
              "edge "
                  + settings.edgeId()
                  + " has "
                  + metrics.maxInFlight()
                  + " requests in flight"),
          null);
      return;
    }
    vertx
        .executeBlocking(() -> RequestDecoder.decode(payload), false)
        .onFailure(
            e -> {
              routeFromPeek(x, RequestDecoder.peek(payload));
              reply(x, ErrorReply.of(x.id, null, ErrorCode.BAD_REQUEST, message(e)), null);
              metrics.release();
            })
        .onSuccess(request -> admit(x, request));
  }

  private void admit(Exchange x, DecodedRequest request) {
    RequestHeader h = request.header();
    x.id = h.id();
    x.slaMs = h.slaMs();
    x.route =
        ReplyRoute.resolve(
            settings.topics(),
            settings.edgeId(),
            x.responseTopic,
            x.correlation,
            h.replyTo(),
            h.id());
    if (x.route.refusal() != null) {
      reply(x, ErrorReply.of(h.id(), h.model(), ErrorCode.BAD_REQUEST, x.route.refusal()), null);
      metrics.release();
      return;
    }
    // the hard stop: whatever happens downstream, one reply by the deadline plus the grace
    long hardStopMs = Math.max(1, h.slaMs() + settings.graceMs() - x.elapsedMs());
    x.timer =
        vertx.setTimer(
            hardStopMs,
            t -> {
              x.timer = -1;
              reply(
                  x,
                  ErrorReply.of(
                      h.id(),
                      h.model(),
                      ErrorCode.INTERNAL,
                      "no result within the "
                          + h.slaMs()
                          + " ms sla plus "
                          + settings.graceMs()
                          + " ms grace"),
                  null);
            });
    if (!models.serves(h.model())) {
      reply(
          x,
          ErrorReply.of(
              h.id(),
              h.model(),
              ErrorCode.UNKNOWN_MODEL,
              "edge "
                  + settings.edgeId()
                  + " does not serve model "
                  + h.model()
                  + "; it serves "
                  + models.ids()),
          null);
      metrics.release();
      return;
    }
    Policy policy;
    try {
      policy = h.policy() == null ? null : Policy.of(h.policy());
    } catch (IllegalArgumentException e) {
      reply(x, ErrorReply.of(h.id(), h.model(), ErrorCode.BAD_REQUEST, e.getMessage()), null);
      metrics.release();
      return;
    }
    long t0 = System.nanoTime();
    long stopNanos = x.arrivedNanos + (h.slaMs() + settings.graceMs()) * 1_000_000L;
    PrepareJob job = new PrepareJob(h.model(), request.input(), request.tensors(), stopNanos);
    vertx
        .eventBus()
        .<ServedModels.Prepared>request(EdgeAddresses.inference(settings.edgeId()), job)
        .map(Message::body)
        .compose(
            prepared -> {
              AdmittedRequest admitted =
                  new AdmittedRequest(
                      h.id(),
                      h.model(),
                      h.slaMs(),
                      policy,
                      h.failsIfInfeasible(),
                      prepared.inputs(),
                      prepared.context(),
                      x.arrivedNanos,
                      x.receivedAtMs,
                      (System.nanoTime() - t0) / 1e6,
                      x.trace);
              long left = Math.max(1, h.slaMs() + settings.graceMs() - x.elapsedMs());
              x.inPipeline = true;
              return vertx
                  .eventBus()
                  .<Outcome>request(
                      EdgeAddresses.pipeline(settings.edgeId()),
                      admitted,
                      new DeliveryOptions().setSendTimeout(left + 1000));
            })
        .onComplete(
            ar -> {
              if (ar.succeeded()) {
                Outcome o = ar.result().body();
                reply(x, o.reply(), o.times());
              } else {
                reply(
                    x,
                    ErrorReply.of(h.id(), h.model(), errorCode(ar.cause()), message(ar.cause())),
                    null);
                if (!x.inPipeline
                    || ar.cause() instanceof ReplyException re
                        && re.failureType() == ReplyFailure.NO_HANDLERS) {
                  // the pipeline never got the request (preparing it failed or was skipped at its
                  // deadline)
                  metrics.release();
                }
              }
            });
  }

  private void routeFromPeek(Exchange x, RequestDecoder.Peek peek) {
    String id = safeId(peek.id());
    x.id = id == null ? ErrorReply.UNKNOWN_ID : id;
    x.route =
        ReplyRoute.resolve(
            settings.topics(),
            settings.edgeId(),
            x.responseTopic,
            x.correlation,
            peek.replyTo(),
            x.id);
  }

  /** Publishes the one reply of an exchange; later calls for the same exchange do nothing. */
  private void reply(Exchange x, Reply reply, StageTimes times) {
    if (x.replied) {
      return;
    }
    x.replied = true;
    if (x.timer >= 0) {
      vertx.cancelTimer(x.timer);
    }
    metrics.replied(reply, times);
    if (!(reply instanceof InferenceReply)) {
      ErrorReply e = (ErrorReply) reply;
      LOG.debug(
          "error reply [request: {}, trace: {}, code: {}]: {}",
          e.id(),
          x.trace.traceId(),
          e.code(),
          e.error().message());
    }
    // the reply lives as long as the request's deadline plus the grace (the grace alone when the
    // sla is not known)
    ReplyProperties properties =
        ReplyProperties.of(x.slaMs + settings.graceMs() - x.elapsedMs(), x.trace);
    long t0 = System.nanoTime();
    Future<Void> sent;
    try {
      sent = x.sink.publish(x.route, Json.toBytes(reply), properties);
    } catch (RuntimeException e) {
      // a reply the MQTT client refuses outright must not take the caller (and the admission slot
      // it frees after replying) down with it
      sent = Future.failedFuture(e);
    }
    sent.onComplete(
        ar -> {
          if (ar.failed()) {
            LOG.warn(
                "cannot publish reply [request: {}, trace: {}, topic: {}]: {}",
                x.id,
                x.trace.traceId(),
                x.route.topic(),
                ar.cause().toString());
          } else {
            listener.replied(reply, times, (System.nanoTime() - t0) / 1e6);
          }
        });
  }

  private static ErrorCode errorCode(Throwable e) {
    if (e instanceof PipelineException pe) {
      return pe.code();
    }
    if (e instanceof ReplyException re && re.failureType() == ReplyFailure.RECIPIENT_FAILURE) {
      return HeadInferenceVerticle.errorCode(re.failureCode());
    }
    if (e instanceof IllegalArgumentException) {
      return ErrorCode.BAD_REQUEST;
    }
    return ErrorCode.INTERNAL;
  }

  private static String message(Throwable e) {
    return e.getMessage() == null ? e.toString() : e.getMessage();
  }

  /** The value if it is a valid wire id, else null. */
  private static String safeId(String value) {
    return value != null
            && !value.isEmpty()
            && value.length() <= WireLimits.MAX_ID_LENGTH
            && value.chars().noneMatch(Character::isISOControl)
            && WireLimits.isWellFormed(value)
        ? value
        : null;
  }
}
