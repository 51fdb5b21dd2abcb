package io.dynasplit.cloud;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.dynasplit.energy.EnergyMeter;
import io.dynasplit.energy.EnergyReading;
import io.dynasplit.models.runtime.InferenceException;
import io.dynasplit.models.runtime.ModelSession;
import io.dynasplit.models.runtime.Part;
import io.dynasplit.models.runtime.SessionCache;
import io.dynasplit.models.runtime.SessionKey;
import io.dynasplit.schemas.ErrorCode;
import io.dynasplit.schemas.MeasuredEnergy;
import io.dynasplit.schemas.TailResult;
import io.dynasplit.schemas.TailTiming;
import io.dynasplit.schemas.Tensor;
import io.dynasplit.schemas.mqtt.MqttClients;
import io.dynasplit.schemas.mqtt.MqttContent;
import io.dynasplit.schemas.mqtt.TraceParent;
import io.dynasplit.schemas.node.NodeHealth;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One cloud tail worker: takes intermediate tensors from the shared subscription on {@code
 * cloud/tail}, runs the tail of the split model and answers on the edge's MQTT 5 response topic
 * with the request's correlation data, the output tensors, its timing and its energy.
 *
 * <p>Each tail's energy is the worker's {@link EnergyMeter} over the tail's window (from taking the
 * job to the end of inference), with the meter's source: {@code nvml}, {@code rapl} or {@code
 * model}, and {@code model} for a window whose measurement failed. Like a power sensor, the meter
 * sees the whole machine (or process, for the model), so tails that overlap each count the shared
 * time.
 *
 * <p>Deploy it as a worker verticle ({@code ThreadingModel.WORKER}), one instance per concurrent
 * tail: the MQTT callback only admits or refuses a job (the bounded queue of {@link CloudMetrics}),
 * and the tail runs on the verticle's worker context.
 *
 * @implNote ONNX Runtime blocks; this verticle must run with {@code ThreadingModel.WORKER}.
 */
public final class TailInferenceVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(TailInferenceVerticle.class);

  /**
   * Tail requests the broker may hand one instance before it acknowledges one: one, as an instance
   * runs one tail at a time (ARCHITECTURE 4.6).
   */
  static final int RECEIVE_MAXIMUM = 1;

  private final CloudSettings settings;
  private final int instance;
  private final SessionCache sessions;
  private final CloudMetrics metrics;
  private final EnergyMeter meter;
  private final NodeHealth health;
  private Mqtt5AsyncClient client;

  /**
   * A tail worker.
   *
   * @param instance the instance number, part of the MQTT client id
   * @param sessions the tail sessions, shared by the instances of one process
   * @param metrics the process's bounded queue and meters, shared by its instances
   * @param meter the process's energy meter, shared by its instances; its windows are opened and
   *     closed on the worker context (they may read sysfs)
   * @param health where this instance registers its broker link
   */
  public TailInferenceVerticle(
      CloudSettings settings,
      int instance,
      SessionCache sessions,
      CloudMetrics metrics,
      EnergyMeter meter,
      NodeHealth health) {
    this.health = Objects.requireNonNull(health, "health");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.instance = instance;
    this.sessions = Objects.requireNonNull(sessions, "sessions");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.meter = Objects.requireNonNull(meter, "meter");
  }

  @Override
  public Future<?> start() {
    client =
        MqttClients.client(
            settings.broker(),
            "dynasplit-cloud-" + settings.workerId() + "-" + instance,
            null,
            null);
    Mqtt5AsyncClient c = client;
    health.link(linkName(), () -> c.getState().isConnected());
    // acknowledged once answered: with a receive maximum of one, the broker hands this instance
    // its next tail only when it is free, and the other workers of the shared subscription the rest
    client.publishes(MqttGlobalPublishFilter.ALL, this::onPublish, true);
    return Future.fromCompletionStage(
            client
                .connectWith()
                .cleanStart(false)
                .sessionExpiryInterval(MqttClients.SESSION_EXPIRY_S)
                .restrictions()
                .receiveMaximum(RECEIVE_MAXIMUM)
                .applyRestrictions()
                .send(),
            context)
        .compose(
            ack ->
                Future.fromCompletionStage(
                    client
                        .subscribeWith()
                        .topicFilter(settings.topics().cloudTailShared())
                        .qos(MqttQos.AT_LEAST_ONCE)
                        .send(),
                    context))
        .onSuccess(
            ack ->
                LOG.info(
                    "tail worker ready [worker: {}, instance: {}, topic: {}]",
                    settings.workerId(),
                    instance,
                    settings.topics().cloudTailShared()));
  }

  @Override
  public Future<?> stop() {
    health.unlink(linkName());
    Mqtt5AsyncClient c = client;
    client = null;
    if (c == null) {
      return Future.succeededFuture();
    }
    return Future.fromCompletionStage(c.disconnect(), context)
        .recover(e -> Future.succeededFuture());
  }

  /**
   * Runs on the MQTT client's thread: admits the request, after the wait on the emulated uplink
   * when {@link CloudSettings#emulation} has one (see {@link EmulatedConditions}).
   */
  private void onPublish(Mqtt5Publish publish) {
    long delayNanos =
        settings
            .emulation()
            .uplinkDelayNanos(
                publish.getPayload().map(ByteBuffer::remaining).orElse(0), System.nanoTime());
    if (delayNanos > 0) {
      vertx.setTimer(Math.max(1, Math.round(delayNanos / 1e6)), id -> admit(publish));
    } else {
      admit(publish);
    }
  }

  /** Admits (hop onto the worker context) or refuses at once. */
  private void admit(Mqtt5Publish publish) {
    long arrived = System.nanoTime();
    Optional<String> responseTopic = publish.getResponseTopic().map(Object::toString);
    if (responseTopic.isEmpty()) {
      LOG.warn("tail request without a response topic dropped [topic: {}]", publish.getTopic());
      publish.acknowledge();
      return;
    }
    byte[] correlation =
        publish.getCorrelationData().map(TailInferenceVerticle::bytes).orElse(null);
    byte[] payload = publish.getPayloadAsBytes();
    // this worker's span of the request's trace; a tail call without one starts a trace here
    TraceParent trace =
        MqttContent.traceParent(publish.getUserProperties())
            .map(TraceParent::child)
            .orElseGet(TraceParent::start);
    AnswerRoute to = new AnswerRoute(responseTopic.get(), correlation, trace, publish);
    if (!metrics.tryAdmit()) {
      String id = TailMessages.peekId(payload);
      answer(
          to,
          TailMessages.encodeError(
              TailResult.failed(
                  id,
                  settings.workerId(),
                  ErrorCode.OVERLOADED,
                  "cloud worker "
                      + settings.workerId()
                      + " has "
                      + metrics.maxQueue()
                      + " jobs queued")));
      return;
    }
    context.runOnContext(v -> run(payload, to, arrived));
  }

  /**
   * Where a tail answer goes, the trace it belongs to, and the tail request to acknowledge once the
   * answer is out.
   */
  private record AnswerRoute(
      String topic, byte[] correlation, TraceParent trace, Mqtt5Publish request) {}

  /** Runs on the worker context: decode, run the tail, answer. */
  private void run(byte[] payload, AnswerRoute to, long arrived) {
    long started = System.nanoTime();
    EnergyMeter.Window window = meter.open();
    double queueMs = (started - arrived) / 1e6;
    TailMessages.Job job;
    try {
      job = TailMessages.decodeJob(payload);
    } catch (IllegalArgumentException e) {
      metrics.dropped();
      String id = TailMessages.peekId(payload);
      LOG.warn(
          "malformed tail request [id: {}, trace: {}]: {}",
          id,
          to.trace().traceId(),
          e.getMessage());
      answer(
          to,
          TailMessages.encodeError(
              TailResult.failed(id, settings.workerId(), ErrorCode.BAD_REQUEST, e.getMessage())));
      return;
    }
    String id = job.header().id();
    if (job.header().deadline() > 0 && System.currentTimeMillis() > job.header().deadline()) {
      metrics.dropped();
      LOG.debug(
          "tail request past its deadline skipped [id: {}, trace: {}, model: {}]",
          id,
          to.trace().traceId(),
          job.header().model());
      answer(
          to,
          TailMessages.encodeError(
              TailResult.failed(
                  id,
                  settings.workerId(),
                  ErrorCode.CLOUD_UNAVAILABLE,
                  "the request's deadline passed before a cloud worker took it")));
      return;
    }
    SessionKey key =
        new SessionKey(
            job.header().model(),
            job.header().split(),
            Part.TAIL,
            settings.accelerator(),
            settings.threads());
    ByteBuffer answer;
    boolean ok = false;
    try {
      ModelSession session = sessions.get(key);
      List<Tensor> outputs = session.run(job.tensors());
      double computeMs = (System.nanoTime() - started) / 1e6;
      EnergyReading energy = window.close();
      computeMs += holdForEmulatedLoad(computeMs);
      TailResult result =
          TailResult.ok(
              id,
              settings.workerId(),
              new TailTiming(queueMs, computeMs),
              new MeasuredEnergy(energy.joules(), energy.source()));
      answer = TailMessages.encodeResult(result, outputs, job.header().codec());
      metrics.energy(energy.joules(), energy.source());
      ok = true;
    } catch (InferenceException e) {
      ErrorCode code = e.errorCode();
      LOG.warn(
          "tail failed [id: {}, trace: {}, model: {}, split: {}]: {}",
          id,
          to.trace().traceId(),
          key.model(),
          key.split(),
          e.getMessage());
      answer =
          TailMessages.encodeError(
              TailResult.failed(id, settings.workerId(), code, e.getMessage()));
    } catch (RuntimeException e) {
      LOG.error(
          "tail failed unexpectedly [id: {}, trace: {}, model: {}, split: {}]",
          id,
          to.trace().traceId(),
          key.model(),
          key.split(),
          e);
      answer =
          TailMessages.encodeError(
              TailResult.failed(id, settings.workerId(), ErrorCode.INTERNAL, e.toString()));
    }
    metrics.done(key.model(), key.split(), queueMs, (System.nanoTime() - started) / 1e6, ok);
    answer(to, answer);
  }

  /**
   * Holds this worker's thread as a busy cloud would ({@link EmulatedConditions}); returns the ms
   * held.
   */
  private double holdForEmulatedLoad(double computeMs) {
    double extraMs = settings.emulation().extraServiceMs(computeMs);
    if (extraMs <= 0) {
      return 0;
    }
    long until = System.nanoTime() + (long) (extraMs * 1e6);
    try {
      for (long left = until - System.nanoTime(); left > 0; left = until - System.nanoTime()) {
        Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return extraMs;
  }

  /** Publishes a tail answer (a DSF1 frame) with the request's correlation data and trace. */
  private void answer(AnswerRoute to, ByteBuffer payload) {
    Mqtt5AsyncClient c = client;
    if (c == null) {
      return;
    }
    to.request().acknowledge();
    String topic = to.topic();
    var builder =
        MqttContent.traced(
            MqttContent.frame(
                c.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(payload)),
            to.trace());
    if (to.correlation() != null) {
      builder = builder.correlationData(to.correlation());
    }
    builder
        .send()
        .whenComplete(
            (r, e) -> {
              if (e != null) {
                LOG.warn("cannot publish tail answer [topic: {}]: {}", topic, e.toString());
              }
            });
  }

  private String linkName() {
    return "tail-" + instance;
  }

  private static byte[] bytes(ByteBuffer b) {
    byte[] out = new byte[b.remaining()];
    b.duplicate().get(out);
    return out;
  }
}
