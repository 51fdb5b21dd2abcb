package io.dynasplit.edge.ingress;

import io.dynasplit.edge.inference.ServedModels;
import io.dynasplit.edge.pipeline.EdgeCounters;
import io.dynasplit.schemas.TopicAddress;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttEndpoint;
import io.vertx.mqtt.MqttServer;
import io.vertx.mqtt.MqttServerOptions;
import io.vertx.mqtt.MqttTopicSubscription;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The direct sensor endpoint of ARCHITECTURE 4.4: an MQTT server (vertx-mqtt, MQTT 3.1.1 and 5) for
 * sites without a broker. Sensors connect to the edge itself, subscribe to their own reply topic and
 * publish requests on {@code edge/{edgeId}/requests}; requests go through the same {@link
 * RequestHandler} as the broker ingress, and each reply is written to the connected sensors
 * subscribed to its topic. It is a protocol adapter, not a broker: it accepts publishes on the
 * request topic only, and subscriptions only to exact topics that are this edge's reply topics or
 * lie outside the DynaSplit topic tree (a sensor's own {@code replyTo}).
 */
public final class SensorEndpointVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(SensorEndpointVerticle.class);

  private final EdgeSettings settings;
  private final ServedModels models;
  private final EdgeCounters counters;
  private final ReplyListener listener;
  private final List<Connection> connections = new ArrayList<>();
  private RequestHandler handler;
  private MqttServer server;

  /** A connected sensor and the topics it subscribed to. */
  private record Connection(MqttEndpoint endpoint, Set<String> topics) {}

  /** An endpoint on {@code settings.sensorPort()} (0 picks a free port, see {@link #port()}). */
  public SensorEndpointVerticle(EdgeSettings settings, ServedModels models, EdgeCounters counters,
      ReplyListener listener) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.models = Objects.requireNonNull(models, "models");
    this.counters = Objects.requireNonNull(counters, "counters");
    this.listener = Objects.requireNonNull(listener, "listener");
  }

  @Override
  public Future<?> start() {
    handler = new RequestHandler(vertx, settings, models, counters, listener);
    server = MqttServer.create(vertx, new MqttServerOptions()
        .setPort(settings.sensorPort())
        .setMaxMessageSize(io.dynasplit.schemas.WireLimits.MAX_JSON_BYTES));
    server.endpointHandler(this::onConnect);
    return server.listen().onSuccess(s -> LOG.info("sensor endpoint ready [edge: {}, port: {}]",
        settings.edgeId(), s.actualPort()));
  }

  @Override
  public Future<?> stop() {
    MqttServer s = server;
    server = null;
    return s == null ? Future.succeededFuture() : s.close();
  }

  /** The port sensors connect to. */
  public int port() {
    return server.actualPort();
  }

  private void onConnect(MqttEndpoint endpoint) {
    Connection c = new Connection(endpoint, new HashSet<>());
    connections.add(c);
    endpoint.subscribeHandler(sub -> {
      List<MqttQoS> granted = new ArrayList<>();
      for (MqttTopicSubscription t : sub.topicSubscriptions()) {
        if (mayReceive(t.topicName())) {
          c.topics().add(t.topicName());
          granted.add(t.qualityOfService() == MqttQoS.AT_MOST_ONCE ? MqttQoS.AT_MOST_ONCE : MqttQoS.AT_LEAST_ONCE);
        } else {
          LOG.info("sensor subscription refused [client: {}, topic: {}]", endpoint.clientIdentifier(), t.topicName());
          granted.add(MqttQoS.FAILURE);
        }
      }
      endpoint.subscribeAcknowledge(sub.messageId(), granted);
    });
    endpoint.unsubscribeHandler(unsub -> {
      unsub.topics().forEach(c.topics()::remove);
      endpoint.unsubscribeAcknowledge(unsub.messageId());
    });
    endpoint.publishHandler(message -> {
      if (message.qosLevel() == MqttQoS.AT_LEAST_ONCE) {
        endpoint.publishAcknowledge(message.messageId());
      }
      if (!settings.topics().edgeRequests(settings.edgeId()).equals(message.topicName())) {
        LOG.info("sensor publish to {} dropped: only {} is accepted [client: {}]", message.topicName(),
            settings.topics().edgeRequests(settings.edgeId()), endpoint.clientIdentifier());
        return;
      }
      handler.handle(message.payload().getBytes(), null, null, (route, payload) -> deliver(c, route, payload));
    });
    endpoint.pingHandler(v -> { });
    endpoint.closeHandler(v -> connections.remove(c));
    endpoint.accept(false);
  }

  /** Whether a sensor may subscribe to a topic: exact, and a reply topic of this edge or outside our tree. */
  private boolean mayReceive(String topic) {
    if (topic.isEmpty() || topic.contains("+") || topic.contains("#") || topic.startsWith("$")) {
      return false;
    }
    if (!topic.startsWith(settings.topics().prefix() + "/")) {
      return true;
    }
    return settings.topics().parse(topic)
        .filter(a -> a.kind() == TopicAddress.Kind.EDGE_REPLY && settings.edgeId().equals(a.edgeId()))
        .isPresent();
  }

  /** Writes a reply to the requesting sensor if it subscribed to the topic, else to any sensor that did. */
  private Future<Void> deliver(Connection requester, ReplyRoute route, byte[] payload) {
    List<Connection> targets = new ArrayList<>();
    if (requester.topics().contains(route.topic()) && connections.contains(requester)) {
      targets.add(requester);
    } else {
      connections.stream().filter(c -> c.topics().contains(route.topic())).forEach(targets::add);
    }
    if (targets.isEmpty()) {
      return Future.failedFuture("no connected sensor subscribed to " + route.topic());
    }
    List<Future<Integer>> sent = new ArrayList<>();
    for (Connection c : targets) {
      sent.add(c.endpoint().publish(route.topic(), Buffer.buffer(payload), MqttQoS.AT_LEAST_ONCE, false, false));
    }
    return Future.all(sent).mapEmpty();
  }
}
