package io.dynasplit.edge.pipeline;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.dynasplit.edge.EdgeMetrics;
import io.dynasplit.edge.EdgeSettings;
import io.dynasplit.edge.inference.TailFrames;
import io.dynasplit.schemas.mqtt.MqttClients;
import io.dynasplit.schemas.mqtt.MqttContent;
import io.dynasplit.schemas.node.NodeHealth;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyFailure;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The edge's client of the cloud tail workers: publishes each {@link TailCall}'s frame to {@code
 * cloud/tail} as a DSF1 frame with the MQTT 5 response topic {@code edge/{edgeId}/tail-results}, a
 * correlation key and the request's {@code traceparent}, keeps it in an {@link InFlightTable} with
 * a deadline timer, and answers the call with the cloud's {@link TailAnswer} or fails it with
 * {@link TailFailure}. Answers that come after their deadline are dropped and counted ({@link
 * #lateAnswers()}).
 */
public final class TailClientVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(TailClientVerticle.class);

  private final EdgeSettings settings;
  private final EdgeMetrics metrics;
  private final NodeHealth health;
  private final InFlightTable<Pending> inFlight = new InFlightTable<>();
  private Mqtt5AsyncClient client;
  private MessageConsumer<TailCall> calls;
  private long nextKey;

  private record Pending(Message<TailCall> message, long sentNanos) {}

  /**
   * A tail client; {@code metrics} receives the late-answer count, {@code health} its broker link.
   */
  public TailClientVerticle(EdgeSettings settings, EdgeMetrics metrics, NodeHealth health) {
    this.health = Objects.requireNonNull(health, "health");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
  }

  @Override
  public Future<?> start() {
    client =
        MqttClients.client(
            settings.tailLink(), "dynasplit-edge-" + settings.edgeId() + "-tail", null, null);
    Mqtt5AsyncClient c = client;
    health.link("tail", () -> c.getState().isConnected());
    client.publishes(MqttGlobalPublishFilter.ALL, p -> context.runOnContext(v -> onAnswer(p)));
    calls = vertx.eventBus().consumer(EdgeAddresses.tail(settings.edgeId()), this::onCall);
    // a clean session: answers to calls of a previous run have nobody waiting for them
    return calls
        .completion()
        .compose(
            v -> Future.fromCompletionStage(client.connectWith().cleanStart(true).send(), context))
        .compose(
            ack ->
                Future.fromCompletionStage(
                    client
                        .subscribeWith()
                        .topicFilter(settings.topics().edgeTailResults(settings.edgeId()))
                        .qos(MqttQos.AT_LEAST_ONCE)
                        .send(),
                    context));
  }

  @Override
  public Future<?> stop() {
    health.unlink("tail");
    inFlight
        .drain()
        .values()
        .forEach(
            e -> {
              vertx.cancelTimer(e.timerId());
              e.value()
                  .message()
                  .fail(ReplyFailure.RECIPIENT_FAILURE.toInt(), "edge tail client stopped");
            });
    Mqtt5AsyncClient c = client;
    client = null;
    return c == null
        ? Future.succeededFuture()
        : Future.fromCompletionStage(c.disconnect(), context)
            .recover(e -> Future.succeededFuture());
  }

  /** Answers that came after their request had given up on the cloud. */
  public long lateAnswers() {
    return inFlight.late();
  }

  private void onCall(Message<TailCall> message) {
    TailCall call = message.body();
    String key = settings.edgeId() + "-" + Long.toString(nextKey++, 36);
    long timer = vertx.setTimer(call.waitMs(), t -> onTimeout(key));
    inFlight.add(key, new Pending(message, System.nanoTime()), timer);
    MqttContent.traced(
            MqttContent.frame(
                client
                    .publishWith()
                    .topic(settings.topics().cloudTail())
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .responseTopic(settings.topics().edgeTailResults(settings.edgeId()))
                    .correlationData(key.getBytes(StandardCharsets.UTF_8))
                    .messageExpiryInterval(call.expirySeconds())
                    .payload(call.frame())),
            call.trace())
        .send()
        .whenComplete(
            (r, e) -> {
              if (e != null) {
                context.runOnContext(
                    v ->
                        fail(
                            key,
                            TailFailure.Kind.UNREACHABLE,
                            "cannot publish to the cloud: " + e.getMessage()));
              }
            });
  }

  private void onAnswer(Mqtt5Publish publish) {
    String key = publish.getCorrelationData().map(TailClientVerticle::text).orElse(null);
    if (key == null) {
      LOG.warn("tail answer without correlation data dropped [topic: {}]", publish.getTopic());
      return;
    }
    InFlightTable.Entry<Pending> entry = inFlight.answer(key);
    if (entry == null) {
      metrics.lateCloudResult();
      LOG.debug("late tail answer dropped [key: {}]", key);
      return;
    }
    vertx.cancelTimer(entry.timerId());
    double roundTripMs = (System.nanoTime() - entry.value().sentNanos()) / 1e6;
    Message<TailCall> message = entry.value().message();
    try {
      TailFrames.Answer decoded =
          TailFrames.decodeAnswer(publish.getPayload().orElse(ByteBuffer.allocate(0)));
      TailAnswer answer = new TailAnswer(decoded.result(), decoded.outputs(), roundTripMs);
      if (answer.result().isOk()) {
        message.reply(answer);
      } else {
        message.reply(
            new TailFailure(
                TailFailure.Kind.REFUSED,
                "cloud worker "
                    + answer.result().workerId()
                    + " answered "
                    + answer.result().error().code()
                    + ": "
                    + answer.result().error().message(),
                answer.result().error().code()));
      }
    } catch (IllegalArgumentException e) {
      message.reply(
          new TailFailure(
              TailFailure.Kind.REFUSED, "malformed cloud answer: " + e.getMessage(), null));
    }
  }

  private void onTimeout(String key) {
    InFlightTable.Entry<Pending> entry = inFlight.timeout(key);
    if (entry != null) {
      TailCall call = entry.value().message().body();
      entry
          .value()
          .message()
          .reply(
              new TailFailure(
                  TailFailure.Kind.TIMEOUT,
                  "no cloud answer within " + call.waitMs() + " ms",
                  null));
    }
  }

  private void fail(String key, TailFailure.Kind kind, String why) {
    InFlightTable.Entry<Pending> entry = inFlight.timeout(key);
    if (entry != null) {
      vertx.cancelTimer(entry.timerId());
      entry.value().message().reply(new TailFailure(kind, why, null));
    }
  }

  private static String text(ByteBuffer b) {
    byte[] out = new byte[b.remaining()];
    b.duplicate().get(out);
    return new String(out, StandardCharsets.UTF_8);
  }
}
