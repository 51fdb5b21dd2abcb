package io.dynasplit.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.dynasplit.broker.EmbeddedBroker;
import io.dynasplit.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The embedded broker fixture: one broker per class, reachable by MQTT 5 and by the mosquitto
 * clients.
 */
@ExtendWith(EmbeddedBrokerExtension.class)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class EmbeddedBrokerExtensionTest {

  static EmbeddedBroker fromBeforeAll;

  @BeforeAll
  static void remember(EmbeddedBroker broker) {
    fromBeforeAll = broker;
  }

  /**
   * Verifies that an MQTT 5 client publishes at QoS 1 and another receives it through the fixture's
   * broker.
   */
  @Test
  void mqtt5ClientsExchangeAMessage(EmbeddedBroker broker) throws Exception {
    // given
    String topic = Topics.DEFAULT.edgeRequests("edge-fixture");
    Mqtt5BlockingClient subscriber = client(broker, "fixture-sub");
    Mqtt5BlockingClient publisher = client(broker, "fixture-pub");
    try (Mqtt5BlockingClient.Mqtt5Publishes publishes =
        subscriber.publishes(MqttGlobalPublishFilter.ALL)) {
      subscriber.connect();
      subscriber.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();
      publisher.connect();
      // when
      publisher
          .publishWith()
          .topic(topic)
          .qos(MqttQos.AT_LEAST_ONCE)
          .payload("{\"id\":\"r-1\"}".getBytes(StandardCharsets.UTF_8))
          .send();
      // then
      Optional<Mqtt5Publish> received = publishes.receive(20, TimeUnit.SECONDS);
      assertTrue(received.isPresent(), "nothing arrived on " + topic);
      assertEquals(topic, received.get().getTopic().toString());
      assertEquals(MqttQos.AT_LEAST_ONCE, received.get().getQos());
      assertEquals(
          "{\"id\":\"r-1\"}",
          new String(received.get().getPayloadAsBytes(), StandardCharsets.UTF_8));
    } finally {
      publisher.disconnect();
      subscriber.disconnect();
    }
  }

  /**
   * Verifies that mosquitto_sub receives what mosquitto_pub publishes through the embedded broker
   * (the manual done-when check).
   */
  @Test
  void mosquittoClientsExchangeAMessage(EmbeddedBroker broker) throws Exception {
    MosquittoClients clients = MosquittoClients.of(broker.host(), broker.port());
    String topic = Topics.DEFAULT.edgeStatus("edge-cli");
    try (MosquittoSubscriber subscriber = clients.subscribe(topic, 1)) {
      assertEquals(List.of(1), subscriber.awaitSubscribed());
      CommandResult published = clients.publish(topic, "online");
      assertTrue(published.succeeded(), published.output());
      assertEquals(List.of(topic + " online"), subscriber.awaitMessages(), subscriber.output());
      assertEquals(0, subscriber.exitCode());
    }
  }

  /** Verifies that lifecycle methods and test methods get the same broker. */
  @Test
  void beforeAllAndTestsShareTheBroker(EmbeddedBroker broker) {
    assertSame(fromBeforeAll, broker);
    assertTrue(broker.port() > 0);
  }

  /** Nested classes use their outer class's broker instead of starting another. */
  @Nested
  class Inner {

    /** Verifies that a nested class gets its outer class's broker. */
    @Test
    void sharesTheOuterBroker(EmbeddedBroker broker) {
      assertSame(fromBeforeAll, broker);
    }
  }

  private static Mqtt5BlockingClient client(EmbeddedBroker broker, String id) {
    return Mqtt5Client.builder()
        .identifier(id)
        .serverHost(broker.host())
        .serverPort(broker.port())
        .buildBlocking();
  }
}
