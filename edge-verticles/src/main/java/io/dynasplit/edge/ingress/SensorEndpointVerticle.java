package io.dynasplit.edge.ingress;

import io.dynasplit.edge.EdgeMetrics;
import io.dynasplit.edge.EdgeSettings;
import io.dynasplit.edge.inference.ServedModels;
import io.dynasplit.schemas.Json;
import io.dynasplit.schemas.TopicAddress;
import io.dynasplit.schemas.mqtt.TraceParent;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttEndpoint;
import io.vertx.mqtt.MqttServer;
import io.vertx.mqtt.MqttServerOptions;
import io.vertx.mqtt.MqttTopicSubscription;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The direct sensor endpoint of ARCHITECTURE 4.4: an MQTT server (vertx-mqtt, MQTT 3.1.1 and 5) for
 * sites without a broker. Sensors connect to the edge itself, subscribe to their own reply topic
 * and publish requests on {@code edge/{edgeId}/requests}; requests go through the same {@link
 * RequestHandler} as the broker ingress, with an MQTT 5 sensor's Response Topic and Correlation
 * Data honoured, and each reply is written only to the connection that sent the request (when it
 * subscribed to the reply topic). It is a protocol adapter, not a broker: it accepts publishes on
 * the request topic only, and subscriptions only to exact topics that are this edge's reply topics
 * or lie outside the DynaSplit topic tree (a sensor's own {@code replyTo} or response topic), and
 * that no other connected sensor holds: a reply topic belongs to the first connection that
 * subscribes to it, until it unsubscribes or leaves.
 */
public final class SensorEndpointVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(SensorEndpointVerticle.class);

  private final EdgeSettings settings;
  private final ServedModels models;
  private final EdgeMetrics metrics;
  private final ReplyListener listener;
  private final List<Connection> connections = new ArrayList<>();
  private final Map<String, Connection> owners = new HashMap<>();
  private RequestHandler handler;
  private MqttServer server;

  /**
   * A connected sensor, the topics it subscribed to, and the packet ids of the replies written to
   * it.
   */
  private static final class Connection {
    private final MqttEndpoint endpoint;
    private final Set<String> topics = new HashSet<>();
    private int lastPacketId;

    Connection(MqttEndpoint endpoint) {
      this.endpoint = endpoint;
    }

    MqttEndpoint endpoint() {
      return endpoint;
    }

    Set<String> topics() {
      return topics;
    }

    /** The next QoS 1 packet id, 1..65535 then round again. */
    int nextPacketId() {
      lastPacketId = lastPacketId % 65535 + 1;
      return lastPacketId;
    }
  }

  /** An endpoint on {@code settings.sensorPort()} (0 picks a free port, see {@link #port()}). */
  public SensorEndpointVerticle(
      EdgeSettings settings, ServedModels models, EdgeMetrics metrics, ReplyListener listener) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.models = Objects.requireNonNull(models, "models");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.listener = Objects.requireNonNull(listener, "listener");
  }

  @Override
  public Future<?> start() {
    handler = new RequestHandler(vertx, settings, models, metrics, listener);
    server =
        MqttServer.create(
            vertx,
            new MqttServerOptions()
                .setPort(settings.sensorPort())
                .setMaxMessageSize(io.dynasplit.schemas.WireLimits.MAX_JSON_BYTES));
    server.endpointHandler(this::onConnect);
    return server
        .listen()
        .onSuccess(
            s ->
                LOG.info(
                    "sensor endpoint ready [edge: {}, port: {}]",
                    settings.edgeId(),
                    s.actualPort()));
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
    Connection c = new Connection(endpoint);
    connections.add(c);
    endpoint.subscribeHandler(
        sub -> {
          List<MqttQoS> granted = new ArrayList<>();
          for (MqttTopicSubscription t : sub.topicSubscriptions()) {
            if (mayReceive(t.topicName()) && claimable(t.topicName(), c)) {
              c.topics().add(t.topicName());
              owners.putIfAbsent(t.topicName(), c);
              granted.add(
                  t.qualityOfService() == MqttQoS.AT_MOST_ONCE
                      ? MqttQoS.AT_MOST_ONCE
                      : MqttQoS.AT_LEAST_ONCE);
            } else {
              LOG.info(
                  "sensor subscription refused [client: {}, topic: {}]",
                  endpoint.clientIdentifier(),
                  t.topicName());
              granted.add(MqttQoS.FAILURE);
            }
          }
          endpoint.subscribeAcknowledge(sub.messageId(), granted);
        });
    endpoint.unsubscribeHandler(
        unsub -> {
          for (String topic : unsub.topics()) {
            c.topics().remove(topic);
            owners.remove(topic, c);
          }
          endpoint.unsubscribeAcknowledge(unsub.messageId());
        });
    endpoint.publishHandler(
        message -> {
          if (message.qosLevel() == MqttQoS.AT_LEAST_ONCE) {
            endpoint.publishAcknowledge(message.messageId());
          }
          if (!settings.topics().edgeRequests(settings.edgeId()).equals(message.topicName())) {
            LOG.info(
                "sensor publish to {} dropped: only {} is accepted [client: {}]",
                message.topicName(),
                settings.topics().edgeRequests(settings.edgeId()),
                endpoint.clientIdentifier());
            return;
          }
          handler.handle(
              message.payload().getBytes(),
              properties(message.properties()),
              (route, payload, properties) -> deliver(c, route, payload, properties));
        });
    endpoint.pingHandler(v -> {});
    endpoint.closeHandler(
        v -> {
          connections.remove(c);
          owners.values().removeIf(owner -> owner == c);
        });
    endpoint.accept(false);
  }

  /**
   * Whether a sensor may subscribe to a topic: exact, and a reply topic of this edge or outside our
   * tree.
   */
  private boolean mayReceive(String topic) {
    if (topic.isEmpty() || topic.contains("+") || topic.contains("#") || topic.startsWith("$")) {
      return false;
    }
    if (!topic.startsWith(settings.topics().prefix() + "/")) {
      return true;
    }
    return settings
        .topics()
        .parse(topic)
        .filter(
            a -> a.kind() == TopicAddress.Kind.EDGE_REPLY && settings.edgeId().equals(a.edgeId()))
        .isPresent();
  }

  /** Whether a connection may take a topic: nobody else holds it. */
  private boolean claimable(String topic, Connection c) {
    Connection owner = owners.get(topic);
    return owner == null || owner == c;
  }

  /**
   * The MQTT 5 properties of a sensor's publish (none for MQTT 3.1.1). No broker stands between, so
   * its message expiry is what the sensor set.
   */
  private static RequestProperties properties(MqttProperties props) {
    if (props == null) {
      return RequestProperties.NONE;
    }
    String traceParent = null;
    for (MqttProperties.MqttProperty<?> p :
        props.getProperties(MqttProperties.MqttPropertyType.USER_PROPERTY.value())) {
      if (p instanceof MqttProperties.UserProperties users) {
        for (MqttProperties.StringPair pair : users.value()) {
          if (traceParent == null && TraceParent.USER_PROPERTY.equals(pair.key)) {
            traceParent = pair.value;
          }
        }
      } else if (p instanceof MqttProperties.UserProperty user
          && traceParent == null
          && TraceParent.USER_PROPERTY.equals(user.value().key)) {
        traceParent = user.value().value;
      }
    }
    return new RequestProperties(
        property(props, MqttProperties.MqttPropertyType.RESPONSE_TOPIC, String.class),
        property(props, MqttProperties.MqttPropertyType.CORRELATION_DATA, byte[].class),
        Optional.ofNullable(
                property(
                    props,
                    MqttProperties.MqttPropertyType.PUBLICATION_EXPIRY_INTERVAL,
                    Integer.class))
            .map(Integer::toUnsignedLong)
            .orElse(RequestProperties.NO_EXPIRY),
        traceParent);
  }

  /** A property's value of the given type, or null. */
  private static <T> T property(
      MqttProperties props, MqttProperties.MqttPropertyType type, Class<T> valueType) {
    MqttProperties.MqttProperty<?> p = props.getProperty(type.value());
    return p != null && valueType.isInstance(p.value()) ? valueType.cast(p.value()) : null;
  }

  /**
   * Writes a reply to the sensor that sent the request, and to no other: it must still be connected
   * and subscribed to the reply topic (which no other sensor can then hold).
   */
  private Future<Void> deliver(
      Connection requester, ReplyRoute route, byte[] payload, ReplyProperties properties) {
    if (!connections.contains(requester)) {
      return Future.failedFuture(
          "sensor " + requester.endpoint().clientIdentifier() + " disconnected before its reply");
    }
    if (!requester.topics().contains(route.topic())) {
      return Future.failedFuture(
          "sensor "
              + requester.endpoint().clientIdentifier()
              + " is not subscribed to "
              + route.topic());
    }
    MqttProperties props = new MqttProperties();
    props.add(
        new MqttProperties.StringProperty(
            MqttProperties.MqttPropertyType.CONTENT_TYPE.value(), Json.MEDIA_TYPE));
    props.add(
        new MqttProperties.IntegerProperty(
            MqttProperties.MqttPropertyType.PAYLOAD_FORMAT_INDICATOR.value(), 1));
    props.add(
        new MqttProperties.IntegerProperty(
            MqttProperties.MqttPropertyType.PUBLICATION_EXPIRY_INTERVAL.value(),
            (int) Math.min(Integer.MAX_VALUE, properties.expirySeconds())));
    props.add(
        new MqttProperties.UserProperty(TraceParent.USER_PROPERTY, properties.trace().toString()));
    byte[] correlation = route.correlationData();
    if (correlation != null) {
      props.add(
          new MqttProperties.BinaryProperty(
              MqttProperties.MqttPropertyType.CORRELATION_DATA.value(), correlation));
    }
    return requester
        .endpoint()
        .publish(
            route.topic(),
            Buffer.buffer(payload),
            MqttQoS.AT_LEAST_ONCE,
            false,
            false,
            requester.nextPacketId(),
            props)
        .mapEmpty();
  }
}
