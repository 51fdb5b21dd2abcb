package io.dynasplit.schemas.mqtt;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import io.dynasplit.schemas.Json;
import io.dynasplit.schemas.NodeStatus;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A node's presence on the broker: one MQTT 5 client whose last will is the node's retained {@code
 * offline} {@link NodeStatus}, which announces the node retained {@code online} once connected,
 * carries its QoS 0 telemetry, and leaves a retained {@code offline} status on a clean close. Edges
 * and cloud workers each build their own telemetry and decide when to send it.
 *
 * {@snippet :
 * NodePresence presence = new NodePresence(broker, "dynasplit-cloud-w1-status", topics.cloudStatus("w1"),
 *     NodeStatus.Role.CLOUD, "w1", "0.1.0", List.of());
 * presence.connect()                                   // retained online
 *     .thenCompose(v -> presence.publishTelemetry(topics.cloudTelemetry("w1"), bytes))
 *     .thenCompose(v -> presence.close());             // retained offline, then disconnect
 * }
 *
 * @implNote the returned stages complete on the HiveMQ client's threads; a verticle brings them
 *     back onto its context with {@code Future.fromCompletionStage(stage, context)}.
 */
public final class NodePresence {

  private final Mqtt5AsyncClient client;
  private final String statusTopic;
  private final NodeStatus.Role role;
  private final String id;
  private final String version;
  private final List<String> models;
  private final AtomicBoolean closed = new AtomicBoolean();

  /**
   * A presence that is not connected yet (see {@link #connect()}).
   *
   * @param broker the broker and its credentials
   * @param clientId the MQTT client id
   * @param statusTopic where the retained status and the last will go
   * @param role what the node is
   * @param id the edge id or worker id
   * @param version the node's software version
   * @param models the model ids the node serves, announced when online
   */
  public NodePresence(
      BrokerConnection broker,
      String clientId,
      String statusTopic,
      NodeStatus.Role role,
      String id,
      String version,
      List<String> models) {
    Objects.requireNonNull(broker, "broker");
    Objects.requireNonNull(clientId, "clientId");
    this.statusTopic = Objects.requireNonNull(statusTopic, "statusTopic");
    this.role = Objects.requireNonNull(role, "role");
    this.id = Objects.requireNonNull(id, "id");
    this.version = Objects.requireNonNull(version, "version");
    this.models = List.copyOf(models);
    byte[] will = Json.toBytes(NodeStatus.offline(role, id, version, 0));
    this.client = MqttClients.client(broker, clientId, statusTopic, will);
  }

  /** Connects with a clean start, then publishes the retained {@code online} status (QoS 1). */
  public CompletionStage<Void> connect() {
    return client
        .connectWith()
        .cleanStart(true)
        .send()
        .thenCompose(
            ack ->
                publishStatus(
                    NodeStatus.online(role, id, version, models, System.currentTimeMillis())));
  }

  /**
   * Publishes one telemetry message at QoS 0, not retained.
   *
   * @return a stage that fails when the client could not send it (for example while disconnected)
   */
  public CompletionStage<Void> publishTelemetry(String topic, byte[] payload) {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(payload, "payload");
    return MqttContent.json(
            client.publishWith().topic(topic).qos(MqttQos.AT_MOST_ONCE).payload(payload))
        .send()
        .thenApply(r -> null);
  }

  /**
   * Publishes the retained {@code offline} status and disconnects, ignoring a failure of either;
   * the stage never fails. Closing again does nothing.
   */
  public CompletionStage<Void> close() {
    if (!closed.compareAndSet(false, true)) {
      return CompletableFuture.completedFuture(null);
    }
    return publishStatus(NodeStatus.offline(role, id, version, System.currentTimeMillis()))
        .exceptionally(e -> null)
        .thenCompose(v -> client.disconnect())
        .exceptionally(e -> null);
  }

  private CompletionStage<Void> publishStatus(NodeStatus status) {
    return MqttContent.json(
            client
                .publishWith()
                .topic(statusTopic)
                .qos(MqttQos.AT_LEAST_ONCE)
                .retain(true)
                .payload(Json.toBytes(status)))
        .send()
        .thenApply(r -> null);
  }
}
