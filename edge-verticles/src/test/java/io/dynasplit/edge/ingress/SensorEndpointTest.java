package io.dynasplit.edge.ingress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3SubAckException;
import com.hivemq.client.mqtt.mqtt3.message.subscribe.suback.Mqtt3SubAckReturnCode;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5SubAckException;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.dynasplit.broker.EmbeddedBroker;
import io.dynasplit.edge.EdgeSettings;
import io.dynasplit.edge.inference.CatalogModels;
import io.dynasplit.edge.node.EdgeNodeVerticle;
import io.dynasplit.energy.ModelEnergyMeter;
import io.dynasplit.energy.PowerModel;
import io.dynasplit.scheduler.Scheduler;
import io.dynasplit.schemas.DType;
import io.dynasplit.schemas.InferenceReply;
import io.dynasplit.schemas.InferenceRequest;
import io.dynasplit.schemas.Json;
import io.dynasplit.schemas.Reply;
import io.dynasplit.schemas.RequestInput;
import io.dynasplit.schemas.Shape;
import io.dynasplit.schemas.Topics;
import io.dynasplit.testsupport.EmbeddedBrokerExtension;
import io.vertx.core.Vertx;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** A sensor connected straight to the edge (ARCHITECTURE 4.4), no broker between them. */
@ExtendWith(EmbeddedBrokerExtension.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SensorEndpointTest {

  private static final String EDGE = "sensor-edge";

  /**
   * Verifies that an MQTT 3.1.1 sensor connected to the edge's own endpoint gets its reply on the
   * default reply topic, and may not subscribe to a wildcard.
   */
  @Test
  void sensorConnectedToTheEdgeGetsItsReply(EmbeddedBroker broker) throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Vertx vertx = EdgeFixture.vertx();
    try {
      EdgeSettings settings =
          EdgeSettings.defaults(EDGE, broker.host(), broker.port()).withSensorPort(port);
      vertx
          .deployVerticle(
              new EdgeNodeVerticle(
                  settings,
                  new CatalogModels(EdgeFixture.PARTS, List.of("ppocr-cls")),
                  Scheduler.withDefaults(),
                  Map.of(),
                  new ModelEnergyMeter(PowerModel.RASPBERRY_PI_4_UNCALIBRATED),
                  null,
                  ReplyListener.NONE,
                  "test"))
          .await(60, TimeUnit.SECONDS);

      BlockingQueue<String> topics = new LinkedBlockingQueue<>();
      BlockingQueue<Reply> replies = new LinkedBlockingQueue<>();
      Mqtt3AsyncClient sensor =
          MqttClient.builder()
              .useMqttVersion3()
              .identifier("sensor-1")
              .serverHost("127.0.0.1")
              .serverPort(port)
              .buildAsync();
      sensor.publishes(
          MqttGlobalPublishFilter.ALL,
          p -> {
            topics.add(p.getTopic().toString());
            replies.add(Reply.fromJson(p.getPayloadAsBytes()));
          });
      sensor.connect().get(10, TimeUnit.SECONDS);
      String replyTopic = Topics.DEFAULT.edgeReply(EDGE, "s-1");
      ExecutionException refused =
          assertThrows(
              ExecutionException.class,
              () ->
                  sensor
                      .subscribeWith()
                      .topicFilter(Topics.DEFAULT.everything())
                      .qos(MqttQos.AT_LEAST_ONCE)
                      .send()
                      .get(10, TimeUnit.SECONDS));
      Mqtt3SubAckException suback =
          assertInstanceOf(Mqtt3SubAckException.class, refused.getCause());
      assertEquals(
          List.of(Mqtt3SubAckReturnCode.FAILURE), suback.getMqttMessage().getReturnCodes());
      sensor
          .subscribeWith()
          .topicFilter(replyTopic)
          .qos(MqttQos.AT_LEAST_ONCE)
          .send()
          .get(10, TimeUnit.SECONDS);

      InferenceRequest r =
          InferenceRequest.of(
              "s-1",
              "ppocr-cls",
              10_000,
              RequestInput.tensor(
                  DType.FLOAT32, Shape.of(1, 3, 48, 192), new byte[3 * 48 * 192 * 4]));
      sensor
          .publishWith()
          .topic(Topics.DEFAULT.edgeRequests(EDGE))
          .qos(MqttQos.AT_LEAST_ONCE)
          .payload(Json.toBytes(r))
          .send()
          .get(10, TimeUnit.SECONDS);

      Reply reply = replies.poll(30, TimeUnit.SECONDS);
      assertTrue(reply != null, "a reply within 30 s");
      assertEquals(replyTopic, topics.poll());
      InferenceReply ok = assertInstanceOf(InferenceReply.class, reply);
      assertEquals("s-1", ok.id());
      sensor.disconnect().get(10, TimeUnit.SECONDS);
    } finally {
      vertx.close().await(30, TimeUnit.SECONDS);
    }
  }

  /**
   * Verifies that an MQTT 5 sensor's reply comes on its Response Topic with its Correlation Data,
   * that a second sensor may not subscribe to the first one's reply topic, and that the second
   * sensor's reply reaches only the second sensor.
   */
  @Test
  void mqtt5SensorsGetOnlyTheirOwnReplies(EmbeddedBroker broker) throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Vertx vertx = EdgeFixture.vertx();
    try {
      EdgeSettings settings =
          EdgeSettings.defaults(EDGE, broker.host(), broker.port()).withSensorPort(port);
      vertx
          .deployVerticle(
              new EdgeNodeVerticle(
                  settings,
                  new CatalogModels(EdgeFixture.PARTS, List.of("ppocr-cls")),
                  Scheduler.withDefaults(),
                  Map.of(),
                  new ModelEnergyMeter(PowerModel.RASPBERRY_PI_4_UNCALIBRATED),
                  null,
                  ReplyListener.NONE,
                  "test"))
          .await(60, TimeUnit.SECONDS);

      BlockingQueue<Mqtt5Publish> toA = new LinkedBlockingQueue<>();
      BlockingQueue<Mqtt5Publish> toB = new LinkedBlockingQueue<>();
      Mqtt5AsyncClient a =
          MqttClient.builder()
              .useMqttVersion5()
              .identifier("sensor-a")
              .serverHost("127.0.0.1")
              .serverPort(port)
              .buildAsync();
      Mqtt5AsyncClient b =
          MqttClient.builder()
              .useMqttVersion5()
              .identifier("sensor-b")
              .serverHost("127.0.0.1")
              .serverPort(port)
              .buildAsync();
      a.publishes(MqttGlobalPublishFilter.ALL, toA::add);
      b.publishes(MqttGlobalPublishFilter.ALL, toB::add);
      a.connect().get(10, TimeUnit.SECONDS);
      b.connect().get(10, TimeUnit.SECONDS);

      String responseA = "site/sensor-a/answers";
      a.subscribeWith()
          .topicFilter(responseA)
          .qos(MqttQos.AT_LEAST_ONCE)
          .send()
          .get(10, TimeUnit.SECONDS);
      ExecutionException refused =
          assertThrows(
              ExecutionException.class,
              () ->
                  b.subscribeWith()
                      .topicFilter(responseA)
                      .qos(MqttQos.AT_LEAST_ONCE)
                      .send()
                      .get(10, TimeUnit.SECONDS));
      assertInstanceOf(Mqtt5SubAckException.class, refused.getCause());
      String defaultB = Topics.DEFAULT.edgeReply(EDGE, "b-1");
      b.subscribeWith()
          .topicFilter(defaultB)
          .qos(MqttQos.AT_LEAST_ONCE)
          .send()
          .get(10, TimeUnit.SECONDS);
      ExecutionException refusedToA =
          assertThrows(
              ExecutionException.class,
              () ->
                  a.subscribeWith()
                      .topicFilter(defaultB)
                      .qos(MqttQos.AT_LEAST_ONCE)
                      .send()
                      .get(10, TimeUnit.SECONDS));
      assertInstanceOf(Mqtt5SubAckException.class, refusedToA.getCause());

      byte[] correlation = {7, 1, 2, 3};
      a.publishWith()
          .topic(Topics.DEFAULT.edgeRequests(EDGE))
          .qos(MqttQos.AT_LEAST_ONCE)
          .responseTopic(responseA)
          .correlationData(correlation)
          .payload(Json.toBytes(classifierRequest("a-1")))
          .send()
          .get(10, TimeUnit.SECONDS);
      Mqtt5Publish replyA = toA.poll(30, TimeUnit.SECONDS);
      assertTrue(replyA != null, "sensor a gets a reply within 30 s");
      assertEquals(responseA, replyA.getTopic().toString());
      assertArrayEquals(
          correlation, replyA.getCorrelationData().map(SensorEndpointTest::bytes).orElse(null));
      assertEquals(
          "a-1",
          assertInstanceOf(InferenceReply.class, Reply.fromJson(replyA.getPayloadAsBytes())).id());

      b.publishWith()
          .topic(Topics.DEFAULT.edgeRequests(EDGE))
          .qos(MqttQos.AT_LEAST_ONCE)
          .payload(Json.toBytes(classifierRequest("b-1")))
          .send()
          .get(10, TimeUnit.SECONDS);
      Mqtt5Publish replyB = toB.poll(30, TimeUnit.SECONDS);
      assertTrue(replyB != null, "sensor b gets a reply within 30 s");
      assertEquals(defaultB, replyB.getTopic().toString());
      assertEquals(
          "b-1",
          assertInstanceOf(InferenceReply.class, Reply.fromJson(replyB.getPayloadAsBytes())).id());
      assertTrue(toB.isEmpty(), "sensor b got nothing else: " + toB);
      assertTrue(toA.isEmpty(), "sensor a got nothing of sensor b's: " + toA);
      a.disconnect().get(10, TimeUnit.SECONDS);
      b.disconnect().get(10, TimeUnit.SECONDS);
    } finally {
      vertx.close().await(30, TimeUnit.SECONDS);
    }
  }

  private static InferenceRequest classifierRequest(String id) {
    return InferenceRequest.of(
        id,
        "ppocr-cls",
        10_000,
        RequestInput.tensor(DType.FLOAT32, Shape.of(1, 3, 48, 192), new byte[3 * 48 * 192 * 4]));
  }

  private static byte[] bytes(ByteBuffer buffer) {
    byte[] out = new byte[buffer.remaining()];
    buffer.duplicate().get(out);
    return out;
  }
}
