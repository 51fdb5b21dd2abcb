package io.dynasplit.optimizer;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import io.dynasplit.schemas.Json;
import io.dynasplit.schemas.ParetoFront;
import io.dynasplit.schemas.Topics;
import io.dynasplit.schemas.mqtt.BrokerConnection;
import io.dynasplit.schemas.mqtt.MqttClients;
import io.dynasplit.schemas.mqtt.MqttContent;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Publishes a Pareto front, retained, to the topic an edge schedules from ({@code
 * edge/{edgeId}/pareto/{model}}, QoS 1), so an edge that connects later still gets it.
 *
 * @param broker the broker's address and credentials
 * @param topics the topic tree
 */
public record FrontPublisher(BrokerConnection broker, Topics topics) {

  /** Checks the fields. */
  public FrontPublisher {
    Objects.requireNonNull(broker, "broker");
    Objects.requireNonNull(topics, "topics");
  }

  /**
   * Connects, publishes the front retained with QoS 1, and disconnects.
   *
   * @param edgeId the edge the front is for
   * @param front the front; its model names the topic
   * @return the topic published to, once the broker acknowledged it; a failed future if connecting
   *     or publishing failed
   */
  public CompletableFuture<String> publish(String edgeId, ParetoFront front) {
    String topic = topics.edgePareto(edgeId, front.model());
    byte[] payload = Json.toBytes(front);
    Mqtt5AsyncClient client =
        MqttClients.oneShot(broker, "dynasplit-optimizer-" + UUID.randomUUID());
    return client
        .connect()
        .thenCompose(
            ack ->
                MqttContent.json(
                        client
                            .publishWith()
                            .topic(topic)
                            .qos(MqttQos.AT_LEAST_ONCE)
                            .retain(true)
                            .payload(payload))
                    .send())
        .thenCompose(
            result -> {
              if (result.getError().isPresent()) {
                throw new CompletionException(result.getError().get());
              }
              return client.disconnect();
            })
        .thenApply(done -> topic)
        .whenComplete(
            (ok, error) -> {
              if (error != null && client.getState().isConnected()) {
                client.disconnect();
              }
            });
  }
}
