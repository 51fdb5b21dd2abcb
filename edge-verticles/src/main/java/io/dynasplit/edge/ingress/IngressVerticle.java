package io.dynasplit.edge.ingress;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.dynasplit.edge.inference.HeadInferenceVerticle;
import io.dynasplit.edge.inference.PrepareJob;
import io.dynasplit.edge.inference.ServedModels;
import io.dynasplit.edge.pipeline.AdmittedRequest;
import io.dynasplit.edge.pipeline.EdgeAddresses;
import io.dynasplit.edge.pipeline.EdgeCounters;
import io.dynasplit.edge.pipeline.Outcome;
import io.dynasplit.edge.pipeline.PipelineException;
import io.dynasplit.edge.pipeline.StageTimes;
import io.dynasplit.edge.scheduler.Policy;
import io.dynasplit.schemas.ErrorCode;
import io.dynasplit.schemas.ErrorReply;
import io.dynasplit.schemas.InferenceReply;
import io.dynasplit.schemas.Json;
import io.dynasplit.schemas.Reply;
import io.dynasplit.schemas.RequestHeader;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import java.nio.ByteBuffer;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes inference requests from {@code edge/{edgeId}/requests} (ARCHITECTURE 3, steps 1, 2 and 8):
 * admits them against the edge's bound ({@code OVERLOADED} at once past it), decodes and validates
 * them (JSON envelope or tensor frame) and pre-processes their input on the inference workers,
 * hands them to the pipeline, and publishes the one final reply of each on its reply route.
 *
 * <p>Exactly one reply per request: every path ends in {@link #reply}, once; if the pipeline has not
 * answered by the deadline plus the grace, the ingress answers with an error itself and drops
 * whatever the pipeline answers later. Every payload is untrusted: its size is checked before it
 * is parsed, and parsing runs on a worker thread.
 */
public final class IngressVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(IngressVerticle.class);

  private final EdgeSettings settings;
  private final ServedModels models;
  private final EdgeCounters counters;
  private final ReplyListener listener;
  private Mqtt5AsyncClient client;

  /** An ingress; {@code listener} hears every reply. */
  public IngressVerticle(EdgeSettings settings, ServedModels models, EdgeCounters counters, ReplyListener listener) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.models = Objects.requireNonNull(models, "models");
    this.counters = Objects.requireNonNull(counters, "counters");
    this.listener = Objects.requireNonNull(listener, "listener");
  }

  @Override
  public Future<?> start() {
    client = EdgeMqtt.client(settings, "dynasplit-edge-" + settings.edgeId() + "-ingress", null, null);
    // registered before connecting, so requests queued in the persistent session are not missed
    client.publishes(MqttGlobalPublishFilter.ALL, p -> context.runOnContext(v -> onRequest(p)));
    return Future.fromCompletionStage(
            client.connectWith().cleanStart(false).sessionExpiryInterval(EdgeMqtt.SESSION_EXPIRY_S).send(), context)
        .compose(ack -> Future.fromCompletionStage(
            client.subscribeWith()
                .topicFilter(settings.topics().edgeRequests(settings.edgeId()))
                .qos(MqttQos.AT_LEAST_ONCE)
                .send(),
            context))
        .onSuccess(v -> LOG.info("edge ingress ready [edge: {}, topic: {}, models: {}]",
            settings.edgeId(), settings.topics().edgeRequests(settings.edgeId()), models.ids()));
  }

  @Override
  public Future<?> stop() {
    Mqtt5AsyncClient c = client;
    client = null;
    return c == null
        ? Future.succeededFuture()
        : Future.fromCompletionStage(c.disconnect(), context).recover(e -> Future.succeededFuture());
  }

  /** One request's reply state, confined to the event loop. */
  private static final class Exchange {
    final String responseTopic;
    final byte[] correlation;
    final long arrivedNanos;
    final long receivedAtMs;
    ReplyRoute route;
    String id;
    boolean replied;
    long timer = -1;

    Exchange(String responseTopic, byte[] correlation) {
      this.responseTopic = responseTopic;
      this.correlation = correlation;
      this.arrivedNanos = System.nanoTime();
      this.receivedAtMs = System.currentTimeMillis();
    }
  }

  private void onRequest(Mqtt5Publish publish) {
    Exchange x = new Exchange(
        publish.getResponseTopic().map(Object::toString).orElse(null),
        publish.getCorrelationData().map(IngressVerticle::bytes).orElse(null));
    byte[] payload = publish.getPayloadAsBytes();
    if (!counters.tryAdmit()) {
      RequestDecoder.Peek peek = RequestDecoder.peek(payload);
      routeFromPeek(x, peek);
      reply(x, ErrorReply.of(x.id, safeId(peek.model()), ErrorCode.OVERLOADED,
          "edge " + settings.edgeId() + " has " + counters.maxInFlight() + " requests in flight"), null, false);
      return;
    }
    vertx.executeBlocking(() -> RequestDecoder.decode(payload), false)
        .onFailure(e -> {
          routeFromPeek(x, RequestDecoder.peek(payload));
          reply(x, ErrorReply.of(x.id, null, ErrorCode.BAD_REQUEST, message(e)), null, true);
        })
        .onSuccess(request -> admit(x, request));
  }

  private void admit(Exchange x, DecodedRequest request) {
    RequestHeader h = request.header();
    x.id = h.id();
    x.route = ReplyRoute.resolve(settings.topics(), settings.edgeId(), x.responseTopic, x.correlation, h.replyTo(), h.id());
    // the hard stop: whatever happens downstream, one reply by the deadline plus the grace
    long hardStopMs = Math.max(1, h.slaMs() + settings.graceMs() - (System.nanoTime() - x.arrivedNanos) / 1_000_000L);
    x.timer = vertx.setTimer(hardStopMs, t -> {
      x.timer = -1;
      reply(x, ErrorReply.of(h.id(), h.model(), ErrorCode.INTERNAL,
          "no result within the " + h.slaMs() + " ms sla plus " + settings.graceMs() + " ms grace"), null, true);
    });
    if (!models.serves(h.model())) {
      reply(x, ErrorReply.of(h.id(), h.model(), ErrorCode.UNKNOWN_MODEL,
          "edge " + settings.edgeId() + " does not serve model " + h.model() + "; it serves " + models.ids()), null, true);
      return;
    }
    Policy policy;
    try {
      policy = h.policy() == null ? null : Policy.of(h.policy());
    } catch (IllegalArgumentException e) {
      reply(x, ErrorReply.of(h.id(), h.model(), ErrorCode.BAD_REQUEST, e.getMessage()), null, true);
      return;
    }
    long t0 = System.nanoTime();
    PrepareJob job = new PrepareJob(h.model(), request.input(), request.tensors());
    vertx.eventBus().<ServedModels.Prepared>request(EdgeAddresses.inference(settings.edgeId()), job)
        .map(Message::body)
        .compose(prepared -> {
          AdmittedRequest admitted = new AdmittedRequest(h.id(), h.model(), h.slaMs(), policy, h.failsIfInfeasible(),
              prepared.inputs(), prepared.context(), x.arrivedNanos, x.receivedAtMs, (System.nanoTime() - t0) / 1e6);
          long left = Math.max(1, h.slaMs() + settings.graceMs() - (System.nanoTime() - x.arrivedNanos) / 1_000_000L);
          return vertx.eventBus().<Outcome>request(EdgeAddresses.pipeline(settings.edgeId()), admitted,
              new DeliveryOptions().setSendTimeout(left + 1000));
        })
        .onComplete(ar -> {
          if (ar.succeeded()) {
            Outcome o = ar.result().body();
            reply(x, o.reply(), o.times(), true);
          } else {
            reply(x, ErrorReply.of(h.id(), h.model(), errorCode(ar.cause()), message(ar.cause())), null, true);
          }
        });
  }

  private void routeFromPeek(Exchange x, RequestDecoder.Peek peek) {
    String id = safeId(peek.id());
    x.id = id == null ? ErrorReply.UNKNOWN_ID : id;
    x.route = ReplyRoute.resolve(settings.topics(), settings.edgeId(), x.responseTopic, x.correlation, peek.replyTo(), x.id);
  }

  /** Publishes the one reply of an exchange; later calls for the same exchange do nothing. */
  private void reply(Exchange x, Reply reply, StageTimes times, boolean admitted) {
    if (x.replied) {
      return;
    }
    x.replied = true;
    if (x.timer >= 0) {
      vertx.cancelTimer(x.timer);
    }
    if (admitted) {
      counters.release();
    }
    boolean ok = reply instanceof InferenceReply;
    counters.replied(ok, ok && ((InferenceReply) reply).slaMet());
    if (!ok) {
      ErrorReply e = (ErrorReply) reply;
      LOG.debug("error reply [request: {}, code: {}]: {}", e.id(), e.code(), e.error().message());
    }
    Mqtt5AsyncClient c = client;
    if (c == null) {
      return;
    }
    long t0 = System.nanoTime();
    var builder = c.publishWith().topic(x.route.topic()).qos(MqttQos.AT_LEAST_ONCE).payload(Json.toBytes(reply));
    byte[] correlation = x.route.correlationData();
    if (correlation != null) {
      builder = builder.correlationData(correlation);
    }
    Future.fromCompletionStage(builder.send(), context).onComplete(ar -> {
      if (ar.failed()) {
        LOG.warn("cannot publish reply [request: {}, topic: {}]: {}", x.id, x.route.topic(), ar.cause().toString());
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
    return value != null && !value.isEmpty() && value.length() <= 256 && value.chars().noneMatch(Character::isISOControl)
        ? value : null;
  }

  private static byte[] bytes(ByteBuffer b) {
    byte[] out = new byte[b.remaining()];
    b.duplicate().get(out);
    return out;
  }
}
