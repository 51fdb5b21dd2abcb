package io.dynasplit.optimizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.dynasplit.broker.EmbeddedBroker;
import io.dynasplit.schemas.Json;
import io.dynasplit.schemas.ParetoFront;
import io.dynasplit.schemas.Topics;
import io.dynasplit.schemas.mqtt.BrokerConnection;
import io.dynasplit.testsupport.EmbeddedBrokerExtension;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Tests of publishing a front, retained, through a real (embedded HiveMQ) broker. */
@ExtendWith(EmbeddedBrokerExtension.class)
@Timeout(60)
class FrontPublisherTest {

  /**
   * Verifies that a published front is retained on the edge's pareto topic and reaches a subscriber
   * that comes later.
   */
  @Test
  void publishedFrontIsRetained(EmbeddedBroker broker) throws Exception {
    Topics topics = Topics.DEFAULT;
    ParetoFront front =
        new ParetoFront(
            ParetoFront.SCHEMA_VERSION,
            "synthetic",
            "optimizer",
            "2026-11-23T08:00:00Z",
            List.of(SyntheticSpace.figures(SyntheticSpace.SPACE.configurations().get(3))));
    String topic =
        new FrontPublisher(new BrokerConnection(broker.host(), broker.port(), null, null), topics)
            .publish("edge-7", front)
            .get(20, TimeUnit.SECONDS);
    assertEquals(topics.edgePareto("edge-7", "synthetic"), topic);

    Mqtt5BlockingClient late =
        Mqtt5Client.builder()
            .identifier("late-edge-7")
            .serverHost(broker.host())
            .serverPort(broker.port())
            .buildBlocking();
    late.connect();
    try (var publishes = late.publishes(MqttGlobalPublishFilter.ALL)) {
      late.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();
      Optional<Mqtt5Publish> got = publishes.receive(10, TimeUnit.SECONDS);
      assertTrue(got.isPresent(), "no retained front");
      assertTrue(got.get().isRetain());
      assertEquals(front, Json.fromBytes(got.get().getPayloadAsBytes(), ParetoFront.class));
    } finally {
      late.disconnect();
    }
  }

  /**
   * Verifies that publishing to a port where no broker listens fails the future instead of hanging.
   */
  @Test
  void unreachableBrokerFails() throws Exception {
    int port;
    try (var s = new java.net.ServerSocket(0)) {
      port = s.getLocalPort();
    }
    ParetoFront front =
        new ParetoFront(
            ParetoFront.SCHEMA_VERSION, "m", "optimizer", "2026-11-23T08:00:00Z", List.of());
    var future =
        new FrontPublisher(new BrokerConnection("127.0.0.1", port, null, null), Topics.DEFAULT)
            .publish("edge-1", front);
    assertThrows(ExecutionException.class, () -> future.get(20, TimeUnit.SECONDS));
  }
}
