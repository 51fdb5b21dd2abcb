package io.dynasplit.app.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import io.dynasplit.testsupport.EmbeddedBrokerExtension;
import io.dynasplit.testsupport.SplinterFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Tests of {@code dynasplit optimize --publish} against a real (embedded HiveMQ) broker. */
@ExtendWith(EmbeddedBrokerExtension.class)
@Timeout(60)
class OptimizePublishTest {

  /** Verifies that the written front is published retained to the edge's pareto topic. */
  @Test
  void publishesTheFrontRetained(EmbeddedBroker broker, @TempDir Path dir) throws Exception {
    Path out = dir.resolve("front.json");
    var run =
        CliRun.run(
            "optimize",
            "--pool",
            SplinterFiles.file("simulation_pool_vgg16.csv").toString(),
            "--network",
            "vgg16",
            "--budget",
            "0.05",
            "--no-progress",
            "--out",
            out.toString(),
            "--publish",
            "--edge-id",
            "edge-3",
            "--broker-host",
            broker.host(),
            "--broker-port",
            String.valueOf(broker.port()));
    assertEquals(0, run.exit(), run.err());
    String topic = Topics.DEFAULT.edgePareto("edge-3", "vgg16");
    assertTrue(run.out().contains("published retained to " + topic), run.out());

    Mqtt5BlockingClient edge =
        Mqtt5Client.builder()
            .identifier("edge-3-test")
            .serverHost(broker.host())
            .serverPort(broker.port())
            .buildBlocking();
    edge.connect();
    try (var publishes = edge.publishes(MqttGlobalPublishFilter.ALL)) {
      edge.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();
      Optional<Mqtt5Publish> got = publishes.receive(10, TimeUnit.SECONDS);
      assertTrue(got.isPresent(), "no retained front");
      assertEquals(
          Json.fromBytes(Files.readAllBytes(out), ParetoFront.class),
          Json.fromBytes(got.get().getPayloadAsBytes(), ParetoFront.class));
    } finally {
      edge.disconnect();
    }
  }
}
