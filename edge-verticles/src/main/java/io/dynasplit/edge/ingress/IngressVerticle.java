package io.dynasplit.edge.ingress;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.dynasplit.edge.EdgeMetrics;
import io.dynasplit.edge.EdgeSettings;
import io.dynasplit.edge.inference.ServedModels;
import io.dynasplit.schemas.mqtt.MqttClients;
import io.dynasplit.schemas.mqtt.MqttContent;
import io.dynasplit.schemas.node.NodeHealth;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.nio.ByteBuffer;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes inference requests from {@code edge/{edgeId}/requests} on the broker (ARCHITECTURE 3, steps
 * 1, 2 and 8) with a persistent MQTT 5 session, and hands each to a {@link RequestHandler}, which
 * admits, validates and runs it and publishes its one reply back through this client on the reply
 * route (response topic and correlation data, {@code replyTo}, or the default reply topic), as JSON
 * with the {@link ReplyProperties}.
 */
public final class IngressVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(IngressVerticle.class);

  private final EdgeSettings settings;
  private final ServedModels models;
  private final EdgeMetrics metrics;
  private final NodeHealth health;
  private final ReplyListener listener;
  private Mqtt5AsyncClient client;
  private RequestHandler handler;

  /** An ingress; {@code listener} hears every reply. */
  public IngressVerticle(
      EdgeSettings settings,
      ServedModels models,
      EdgeMetrics metrics,
      NodeHealth health,
      ReplyListener listener) {
    this.health = Objects.requireNonNull(health, "health");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.models = Objects.requireNonNull(models, "models");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.listener = Objects.requireNonNull(listener, "listener");
  }

  @Override
  public Future<?> start() {
    client =
        MqttClients.client(
            settings.broker(), "dynasplit-edge-" + settings.edgeId() + "-ingress", null, null);
    Mqtt5AsyncClient c = client;
    health.link("ingress", () -> c.getState().isConnected());
    // registered before connecting, so requests queued in the persistent session are not missed
    handler = new RequestHandler(vertx, settings, models, metrics, listener);
    client.publishes(
        MqttGlobalPublishFilter.ALL,
        p ->
            context.runOnContext(
                v -> handler.handle(p.getPayloadAsBytes(), properties(p), this::publish)));
    return Future.fromCompletionStage(
            client
                .connectWith()
                .cleanStart(false)
                .sessionExpiryInterval(MqttClients.SESSION_EXPIRY_S)
                .send(),
            context)
        .compose(
            ack ->
                Future.fromCompletionStage(
                    client
                        .subscribeWith()
                        .topicFilter(settings.topics().edgeRequests(settings.edgeId()))
                        .qos(MqttQos.AT_LEAST_ONCE)
                        .send(),
                    context))
        .onSuccess(
            v ->
                LOG.info(
                    "edge ingress ready [edge: {}, topic: {}, models: {}]",
                    settings.edgeId(),
                    settings.topics().edgeRequests(settings.edgeId()),
                    models.ids()));
  }

  @Override
  public Future<?> stop() {
    health.unlink("ingress");
    Mqtt5AsyncClient c = client;
    client = null;
    return c == null
        ? Future.succeededFuture()
        : Future.fromCompletionStage(c.disconnect(), context)
            .recover(e -> Future.succeededFuture());
  }

  /** The properties of a request as the broker forwarded it. */
  static RequestProperties properties(Mqtt5Publish p) {
    return new RequestProperties(
        p.getResponseTopic().map(Object::toString).orElse(null),
        p.getCorrelationData().map(IngressVerticle::bytes).orElse(null),
        p.getMessageExpiryInterval().orElse(RequestProperties.NO_EXPIRY),
        MqttContent.traceParentValue(p.getUserProperties()));
  }

  private Future<Void> publish(ReplyRoute route, byte[] payload, ReplyProperties properties) {
    Mqtt5AsyncClient c = client;
    if (c == null) {
      return Future.failedFuture("the ingress is stopped");
    }
    var builder =
        MqttContent.traced(
            MqttContent.json(
                c.publishWith()
                    .topic(route.topic())
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .messageExpiryInterval(properties.expirySeconds())
                    .payload(payload)),
            properties.trace());
    byte[] correlation = route.correlationData();
    if (correlation != null) {
      builder = builder.correlationData(correlation);
    }
    return Future.fromCompletionStage(builder.send(), context).mapEmpty();
  }

  private static byte[] bytes(ByteBuffer b) {
    byte[] out = new byte[b.remaining()];
    b.duplicate().get(out);
    return out;
  }
}
