package io.dynasplit.cloud;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.dynasplit.broker.EmbeddedBroker;
import io.dynasplit.schemas.CloudTelemetry;
import io.dynasplit.schemas.Json;
import io.dynasplit.schemas.NodeStatus;
import io.dynasplit.schemas.Topics;
import io.dynasplit.testsupport.EmbeddedBrokerExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A cloud worker's retained status and load telemetry on the embedded broker (through its {@code
 * NodePresence}).
 */
@ExtendWith({VertxExtension.class, EmbeddedBrokerExtension.class})
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CloudStatusVerticleTest {

  /**
   * Verifies that a started worker leaves a retained online status (QoS 1) and publishes its load
   * telemetry (QoS 0, not retained) on its own topics.
   */
  @Test
  void announcesOnlineAndPublishesTelemetry(Vertx vertx, EmbeddedBroker broker) throws Exception {
    // given
    CloudSettings settings =
        CloudSettings.defaults("status-online", broker.host(), broker.port()).withInstances(3);
    vertx
        .deployVerticle(
            new CloudStatusVerticle(
                settings, new CloudMetrics(new SimpleMeterRegistry(), 8), "1.2.3"))
        .await(30, TimeUnit.SECONDS);

    // when: an observer comes after the announcement
    Observer status =
        Observer.of(broker, "status-online-observer", Topics.DEFAULT.cloudStatus("status-online"));
    Observer telemetry =
        Observer.of(broker, "telemetry-observer", Topics.DEFAULT.cloudTelemetry("status-online"));
    try {
      // then
      Mqtt5Publish online = status.next();
      assertTrue(online.isRetain(), "the status is retained");
      assertEquals(MqttQos.AT_LEAST_ONCE, online.getQos());
      NodeStatus s = Json.fromBytes(online.getPayloadAsBytes(), NodeStatus.class);
      assertEquals(NodeStatus.State.ONLINE, s.state());
      assertEquals(NodeStatus.Role.CLOUD, s.role());
      assertEquals("status-online", s.id());
      assertEquals("1.2.3", s.version());
      assertEquals(List.of(), s.models());

      Mqtt5Publish sent = telemetry.next();
      assertFalse(sent.isRetain(), "telemetry is not retained");
      assertEquals(
          MqttQos.AT_MOST_ONCE, sent.getQos(), "published at QoS 0, received at the lower of both");
      CloudTelemetry t = Json.fromBytes(sent.getPayloadAsBytes(), CloudTelemetry.class);
      assertEquals("status-online", t.workerId());
      assertEquals(3, t.instances());
      assertEquals(0, t.queueLength());
    } finally {
      status.close();
      telemetry.close();
    }
  }

  /**
   * Verifies that undeploying a worker replaces its retained status with a clean offline one,
   * stamped when it stopped (the last will's is stamped 0).
   */
  @Test
  void leavesOfflineOnStop(Vertx vertx, EmbeddedBroker broker) throws Exception {
    // given
    CloudSettings settings = CloudSettings.defaults("status-offline", broker.host(), broker.port());
    String id =
        vertx
            .deployVerticle(
                new CloudStatusVerticle(
                    settings, new CloudMetrics(new SimpleMeterRegistry(), 8), "1.2.3"))
            .await(30, TimeUnit.SECONDS);

    // when
    vertx.undeploy(id).await(30, TimeUnit.SECONDS);

    // then
    Observer status =
        Observer.of(
            broker, "status-offline-observer", Topics.DEFAULT.cloudStatus("status-offline"));
    try {
      Mqtt5Publish offline = status.next();
      assertTrue(offline.isRetain(), "the status is retained");
      NodeStatus s = Json.fromBytes(offline.getPayloadAsBytes(), NodeStatus.class);
      assertEquals(NodeStatus.State.OFFLINE, s.state());
      assertEquals("status-offline", s.id());
      assertEquals("1.2.3", s.version());
      assertTrue(s.timestamp() > 0, "a clean stop, not the last will: " + s);
    } finally {
      status.close();
    }
  }

  /** A client subscribed (QoS 1) to one topic, queueing what it receives. */
  private record Observer(Mqtt5AsyncClient client, BlockingQueue<Mqtt5Publish> received) {

    static Observer of(EmbeddedBroker broker, String clientId, String topic) throws Exception {
      Mqtt5AsyncClient c =
          MqttClient.builder()
              .useMqttVersion5()
              .identifier(clientId)
              .serverHost(broker.host())
              .serverPort(broker.port())
              .buildAsync();
      BlockingQueue<Mqtt5Publish> received = new LinkedBlockingQueue<>();
      c.publishes(MqttGlobalPublishFilter.ALL, received::add);
      c.connect().get(10, TimeUnit.SECONDS);
      c.subscribeWith()
          .topicFilter(topic)
          .qos(MqttQos.AT_LEAST_ONCE)
          .send()
          .get(10, TimeUnit.SECONDS);
      return new Observer(c, received);
    }

    Mqtt5Publish next() throws InterruptedException {
      Mqtt5Publish p = received.poll(20, TimeUnit.SECONDS);
      assertNotNull(p, "a message within 20 s");
      return p;
    }

    void close() throws Exception {
      client.disconnect().get(10, TimeUnit.SECONDS);
    }
  }
}
