package io.dynasplit.broker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.dynasplit.broker.internal.Ports;
import io.dynasplit.schemas.Topics;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The embedded broker's life cycle: free ports, both listeners, persistence, errors, stop. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class EmbeddedBrokerTest {

  @TempDir Path dir;

  /**
   * Verifies that a broker on free ports relays a message from a WebSocket client to a TCP client,
   * and that close is idempotent.
   */
  @Test
  void relaysBetweenWebSocketAndTcpClientsOnFreePorts() throws Exception {
    EmbeddedBroker broker = EmbeddedBroker.start(BrokerSettings.ephemeral(dir));
    try {
      assertNotEquals(0, broker.port());
      assertNotEquals(0, broker.wsPort());
      assertNotEquals(broker.port(), broker.wsPort());
      assertTrue(
          Files.readString(dir.resolve("conf/config.xml"))
              .contains("<port>" + broker.port() + "</port>"));
      String topic = Topics.DEFAULT.edgeTelemetry("edge-ws");
      Mqtt5BlockingClient subscriber = tcpClient(broker, "sub");
      Mqtt5BlockingClient publisher =
          Mqtt5Client.builder()
              .identifier("pub-ws")
              .serverHost(broker.host())
              .serverPort(broker.wsPort())
              .webSocketConfig()
              .serverPath("mqtt")
              .applyWebSocketConfig()
              .buildBlocking();
      try (Mqtt5BlockingClient.Mqtt5Publishes publishes =
          subscriber.publishes(MqttGlobalPublishFilter.ALL)) {
        subscriber.connect();
        subscriber.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();
        publisher.connect();
        publisher
            .publishWith()
            .topic(topic)
            .qos(MqttQos.AT_LEAST_ONCE)
            .payload(bytes("{\"cpu\":0.5}"))
            .send();
        Optional<Mqtt5Publish> received = publishes.receive(20, TimeUnit.SECONDS);
        assertTrue(received.isPresent(), "nothing arrived on " + topic);
        assertArrayEquals(bytes("{\"cpu\":0.5}"), received.get().getPayloadAsBytes());
      } finally {
        disconnect(publisher);
        disconnect(subscriber);
      }
    } finally {
      broker.close();
    }
    assertDoesNotThrow(broker::close);
    assertTrue(
        !Ports.isListening(broker.host(), broker.port(), 500), "still listening after close");
  }

  /**
   * Verifies that with file persistence a retained message survives a broker restart on the same
   * data folder.
   */
  @Test
  void retainedMessageSurvivesRestartWithFilePersistence() throws Exception {
    String topic = Topics.DEFAULT.edgeStatus("edge-7");
    BrokerSettings settings = BrokerSettings.ephemeral(dir).withPersistence(BrokerPersistence.FILE);
    try (EmbeddedBroker broker = EmbeddedBroker.start(settings)) {
      Mqtt5BlockingClient publisher = tcpClient(broker, "status-writer");
      publisher.connect();
      publisher
          .publishWith()
          .topic(topic)
          .qos(MqttQos.AT_LEAST_ONCE)
          .retain(true)
          .payload(bytes("online"))
          .send();
      publisher.disconnect();
    }
    try (EmbeddedBroker broker = EmbeddedBroker.start(settings)) {
      Mqtt5BlockingClient subscriber = tcpClient(broker, "status-reader");
      try (Mqtt5BlockingClient.Mqtt5Publishes publishes =
          subscriber.publishes(MqttGlobalPublishFilter.ALL)) {
        subscriber.connect();
        subscriber.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();
        Optional<Mqtt5Publish> received = publishes.receive(20, TimeUnit.SECONDS);
        assertTrue(received.isPresent(), "the retained message did not survive the restart");
        assertTrue(received.get().isRetain());
        assertEquals(
            "online", new String(received.get().getPayloadAsBytes(), StandardCharsets.UTF_8));
      } finally {
        disconnect(subscriber);
      }
    }
  }

  /**
   * Verifies that in memory (the default) the broker writes none of the payloads it routes to its
   * data folder, and that with file persistence the same traffic is written there: eight 4 MiB QoS
   * 1 messages to a persistent-session subscriber.
   */
  @Test
  void memoryPersistenceKeepsPayloadsOffTheDisk() throws Exception {
    int payloadBytes = 4 << 20;
    int messages = 8;
    Path memoryDir = dir.resolve("memory");
    Path fileDir = dir.resolve("file");
    long memoryWritten =
        bytesWrittenRouting(BrokerSettings.ephemeral(memoryDir), payloadBytes, messages);
    long fileWritten =
        bytesWrittenRouting(
            BrokerSettings.ephemeral(fileDir).withPersistence(BrokerPersistence.FILE),
            payloadBytes,
            messages);
    long routed = (long) payloadBytes * messages;
    assertTrue(
        memoryWritten < payloadBytes / 4,
        "in memory the data folder grew by " + memoryWritten + " bytes for " + routed + " routed");
    assertTrue(
        fileWritten >= routed / 2,
        "with file persistence the data folder grew by only " + fileWritten + " bytes");
  }

  /** Verifies that in memory a retained message is gone after a restart. */
  @Test
  void memoryPersistenceStartsEmptyAfterRestart() throws Exception {
    String topic = Topics.DEFAULT.edgeStatus("edge-8");
    try (EmbeddedBroker broker = EmbeddedBroker.start(BrokerSettings.ephemeral(dir))) {
      Mqtt5BlockingClient publisher = tcpClient(broker, "status-writer");
      publisher.connect();
      publisher
          .publishWith()
          .topic(topic)
          .qos(MqttQos.AT_LEAST_ONCE)
          .retain(true)
          .payload(bytes("online"))
          .send();
      publisher.disconnect();
    }
    try (EmbeddedBroker broker = EmbeddedBroker.start(BrokerSettings.ephemeral(dir))) {
      Mqtt5BlockingClient subscriber = tcpClient(broker, "status-reader");
      try (Mqtt5BlockingClient.Mqtt5Publishes publishes =
          subscriber.publishes(MqttGlobalPublishFilter.ALL)) {
        subscriber.connect();
        subscriber.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();
        // the retained message, had it survived, is sent with the SUBACK
        assertTrue(publishes.receive(2, TimeUnit.SECONDS).isEmpty());
      } finally {
        disconnect(subscriber);
      }
    }
  }

  private static long bytesWrittenRouting(BrokerSettings settings, int payloadBytes, int messages)
      throws Exception {
    String topic = Topics.DEFAULT.cloudTail();
    byte[] payload = new byte[payloadBytes];
    new java.util.Random(7).nextBytes(payload);
    try (EmbeddedBroker broker = EmbeddedBroker.start(settings)) {
      long before = folderBytes(settings.dataDir());
      Mqtt5BlockingClient subscriber = tcpClient(broker, "tail-reader");
      Mqtt5BlockingClient publisher = tcpClient(broker, "tail-writer");
      try (Mqtt5BlockingClient.Mqtt5Publishes publishes =
          subscriber.publishes(MqttGlobalPublishFilter.ALL)) {
        subscriber.connectWith().cleanStart(false).sessionExpiryInterval(3600).send();
        subscriber.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();
        publisher.connect();
        for (int i = 0; i < messages; i++) {
          publisher.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(payload).send();
        }
        for (int i = 0; i < messages; i++) {
          Optional<Mqtt5Publish> received = publishes.receive(30, TimeUnit.SECONDS);
          assertTrue(received.isPresent(), "message " + i + " did not arrive");
          assertEquals(payloadBytes, received.get().getPayloadAsBytes().length);
        }
      } finally {
        disconnect(publisher);
        disconnect(subscriber);
      }
      // HiveMQ writes its files asynchronously: read the folder while the broker is still up and
      // again after it stopped, and take the larger growth
      long during = folderBytes(settings.dataDir()) - before;
      broker.close();
      return Math.max(during, folderBytes(settings.dataDir()) - before);
    }
  }

  private static long folderBytes(Path folder) throws java.io.IOException {
    try (var files = Files.walk(folder)) {
      return files
          .filter(Files::isRegularFile)
          .mapToLong(
              f -> {
                try {
                  return Files.size(f);
                } catch (java.io.IOException gone) {
                  return 0;
                }
              })
          .sum();
    }
  }

  /** Verifies that a taken port is a clear BrokerException before HiveMQ starts. */
  @Test
  void takenPortIsAClearError() throws Exception {
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
      BrokerSettings settings = BrokerSettings.ephemeral(dir).withPort(taken.getLocalPort());
      BrokerException e = assertThrows(BrokerException.class, () -> EmbeddedBroker.start(settings));
      assertTrue(e.getMessage().contains("MQTT port " + taken.getLocalPort()), e.getMessage());
      assertTrue(e.getMessage().contains("in use"), e.getMessage());
    }
  }

  private static Mqtt5BlockingClient tcpClient(EmbeddedBroker broker, String id) {
    return Mqtt5Client.builder()
        .identifier(id)
        .serverHost(broker.host())
        .serverPort(broker.port())
        .buildBlocking();
  }

  private static void disconnect(Mqtt5BlockingClient client) {
    if (client.getState().isConnected()) {
      client.disconnect();
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
