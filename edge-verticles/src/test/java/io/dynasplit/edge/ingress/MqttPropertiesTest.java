package io.dynasplit.edge.ingress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PayloadFormatIndicator;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishBuilder;
import io.dynasplit.broker.EmbeddedBroker;
import io.dynasplit.edge.EdgeSettings;
import io.dynasplit.schemas.DType;
import io.dynasplit.schemas.ErrorCode;
import io.dynasplit.schemas.ErrorReply;
import io.dynasplit.schemas.InferenceReply;
import io.dynasplit.schemas.InferenceRequest;
import io.dynasplit.schemas.Json;
import io.dynasplit.schemas.Reply;
import io.dynasplit.schemas.RequestInput;
import io.dynasplit.schemas.Shape;
import io.dynasplit.schemas.Topics;
import io.dynasplit.schemas.mqtt.MqttContent;
import io.dynasplit.schemas.mqtt.TraceParent;
import io.dynasplit.testsupport.EmbeddedBrokerExtension;
import io.vertx.core.Vertx;
import java.net.ServerSocket;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The MQTT 5 properties of the edge's replies (ARCHITECTURE 4.6): content type, payload format
 * indicator, message expiry and the {@code traceparent} carried through; and a request whose
 * message expiry ran out on its way answered {@code DEADLINE_EXCEEDED} at once. Through the
 * embedded broker and through the edge's own sensor endpoint.
 */
@ExtendWith(EmbeddedBrokerExtension.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MqttPropertiesTest {

  private static final String EDGE = "props-edge";
  private static final String TOPIC = Topics.DEFAULT.edgeRequests(EDGE);
  private static final long SLA_MS = 10_000;
  private static final long GRACE_MS = 2_000;
  private static final String SENSOR_TRACE =
      "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

  private static Vertx vertx;
  private static int sensorPort;
  private static Collector viaBroker;

  @BeforeAll
  static void start(EmbeddedBroker broker) throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      sensorPort = s.getLocalPort();
    }
    vertx = EdgeFixture.vertx();
    EdgeSettings settings =
        EdgeSettings.defaults(EDGE, broker.host(), broker.port())
            .withGraceMs(GRACE_MS)
            .withSensorPort(sensorPort);
    vertx.deployVerticle(EdgeFixture.classifierEdge(settings)).await(60, TimeUnit.SECONDS);
    viaBroker = new Collector(broker.host(), broker.port());
  }

  @AfterAll
  static void stop() throws Exception {
    if (viaBroker != null) {
      viaBroker.close();
    }
    if (vertx != null) {
      vertx.close().await(30, TimeUnit.SECONDS);
    }
  }

  /**
   * Verifies that a reply is JSON by its content type and format indicator, expires with the
   * request's deadline plus grace, and carries the request's trace id with a span id of the edge's.
   */
  @Test
  void replyCarriesContentTypeExpiryAndTheRequestsTrace() throws Exception {
    Mqtt5Publish p =
        viaBroker.ask(
            request("trace-1"), b -> MqttContent.traced(b, TraceParent.parse(SENSOR_TRACE).get()));

    assertInstanceOf(InferenceReply.class, reply(p), () -> text(p));
    assertJsonWithExpiry(p);
    TraceParent sent = TraceParent.parse(SENSOR_TRACE).orElseThrow();
    TraceParent back = MqttContent.traceParent(p.getUserProperties()).orElseThrow();
    assertEquals(sent.traceId(), back.traceId(), "the edge keeps the sensor's trace");
    assertNotEquals(sent.spanId(), back.spanId(), "the edge's hop has a span of its own");
  }

  /**
   * Verifies that a malformed {@code traceparent} is ignored: the request is served, and the reply
   * carries a trace the edge started.
   */
  @Test
  void malformedTraceParentIsIgnored() throws Exception {
    String malformed = "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01";
    Mqtt5Publish p =
        viaBroker.ask(
            request("trace-bad"),
            b ->
                b.userProperties().add(TraceParent.USER_PROPERTY, malformed).applyUserProperties());

    assertInstanceOf(InferenceReply.class, reply(p), () -> text(p));
    TraceParent back = MqttContent.traceParent(p.getUserProperties()).orElseThrow();
    assertNotEquals("4bf92f3577b34da6a3ce929d0e0e4736", back.traceId());
  }

  /** Verifies that a request without a trace gets one started by the edge on its reply. */
  @Test
  void requestWithoutTraceGetsOne() throws Exception {
    Mqtt5Publish p = viaBroker.ask(request("trace-none"), UnaryOperator.identity());

    assertInstanceOf(InferenceReply.class, reply(p), () -> text(p));
    assertTrue(MqttContent.traceParent(p.getUserProperties()).isPresent(), p::toString);
  }

  /**
   * Verifies that a request whose message expiry ran out on its way is answered at once with {@code
   * DEADLINE_EXCEEDED}, not served late, while one with expiry left is served. The request comes in
   * through the sensor endpoint: the expiry the sensor (or a gateway relaying for it) set is what
   * reaches the edge. (The embedded broker drops a message once its expiry has run out rather than
   * forward 0 s of it, so through it an expired request never reaches the edge.)
   */
  @Test
  void expiredRequestIsRefusedAtOnce() throws Exception {
    try (Collector sensor = new Collector("127.0.0.1", sensorPort)) {
      long t0 = System.nanoTime();
      Mqtt5Publish p = sensor.ask(request("expired-1"), b -> b.messageExpiryInterval(0));
      long ms = (System.nanoTime() - t0) / 1_000_000L;

      ErrorReply e = assertInstanceOf(ErrorReply.class, reply(p), () -> text(p));
      assertEquals(ErrorCode.DEADLINE_EXCEEDED, e.code(), () -> text(p));
      assertEquals("expired-1", e.id());
      assertJsonWithExpiry(p);
      assertTrue(ms < SLA_MS, "answered after " + ms + " ms");

      Mqtt5Publish served = sensor.ask(request("expiry-left"), b -> b.messageExpiryInterval(5));
      assertInstanceOf(InferenceReply.class, reply(served), () -> text(served));
    }
  }

  /** Verifies that a request with message expiry left is served through the broker. */
  @Test
  void requestWithExpiryLeftIsServed() throws Exception {
    Mqtt5Publish p = viaBroker.ask(request("expiry-5"), b -> b.messageExpiryInterval(5));
    assertInstanceOf(InferenceReply.class, reply(p), () -> text(p));
  }

  /**
   * Verifies the same reply properties on the direct sensor endpoint, where no broker stands
   * between: the JSON content type, an expiry and the sensor's trace.
   */
  @Test
  void sensorEndpointRepliesCarryTheSameProperties() throws Exception {
    try (Collector sensor = new Collector("127.0.0.1", sensorPort)) {
      Mqtt5Publish p =
          sensor.ask(
              request("direct-1"),
              b -> MqttContent.traced(b, TraceParent.parse(SENSOR_TRACE).get()));
      assertInstanceOf(InferenceReply.class, reply(p), () -> text(p));
      assertJsonWithExpiry(p);
      assertEquals(
          "4bf92f3577b34da6a3ce929d0e0e4736",
          MqttContent.traceParent(p.getUserProperties()).orElseThrow().traceId());
    }
  }

  private static void assertJsonWithExpiry(Mqtt5Publish p) {
    assertEquals(Json.MEDIA_TYPE, p.getContentType().map(Object::toString).orElse(null));
    assertEquals(
        Mqtt5PayloadFormatIndicator.UTF_8, p.getPayloadFormatIndicator().orElse(null), p::toString);
    long expiry = p.getMessageExpiryInterval().orElse(-1);
    assertTrue(
        expiry >= 1 && expiry <= (SLA_MS + GRACE_MS) / 1000,
        "message expiry "
            + expiry
            + " s of a "
            + SLA_MS
            + " ms sla plus "
            + GRACE_MS
            + " ms grace");
  }

  private static byte[] request(String id) {
    return Json.toBytes(
        InferenceRequest.of(
            id,
            "ppocr-cls",
            SLA_MS,
            RequestInput.tensor(
                DType.FLOAT32, Shape.of(1, 3, 48, 192), new byte[3 * 48 * 192 * 4])));
  }

  private static Reply reply(Mqtt5Publish p) {
    return Reply.fromJson(p.getPayloadAsBytes());
  }

  private static String text(Mqtt5Publish p) {
    return new String(p.getPayloadAsBytes(), java.nio.charset.StandardCharsets.UTF_8);
  }

  /** An MQTT 5 client that asks with a response topic and keeps each reply whole. */
  private static final class Collector implements AutoCloseable {
    private final Mqtt5AsyncClient client;
    private final String replyTopic;
    private final BlockingQueue<Mqtt5Publish> replies = new LinkedBlockingQueue<>();

    Collector(String host, int port) throws Exception {
      String id = "props-" + UUID.randomUUID();
      replyTopic = "test/" + id + "/replies";
      client =
          MqttClient.builder()
              .useMqttVersion5()
              .identifier(id)
              .serverHost(host)
              .serverPort(port)
              .buildAsync();
      client.publishes(MqttGlobalPublishFilter.ALL, replies::add);
      client.connect().get(10, TimeUnit.SECONDS);
      client
          .subscribeWith()
          .topicFilter(replyTopic)
          .qos(MqttQos.AT_LEAST_ONCE)
          .send()
          .get(10, TimeUnit.SECONDS);
    }

    /** Publishes a request (with what {@code extra} adds) and waits for its one reply. */
    synchronized Mqtt5Publish ask(byte[] payload, UnaryOperator<Mqtt5PublishBuilder.Complete> extra)
        throws Exception {
      replies.clear();
      Mqtt5Publish request =
          extra
              .apply(
                  MqttContent.json(
                      Mqtt5Publish.builder()
                          .topic(TOPIC)
                          .qos(MqttQos.AT_LEAST_ONCE)
                          .responseTopic(replyTopic)
                          .payload(payload)))
              .build();
      client.publish(request).get(10, TimeUnit.SECONDS);
      Mqtt5Publish p = replies.poll(30, TimeUnit.SECONDS);
      assertNotNull(p, "no reply within 30 s");
      return p;
    }

    @Override
    public void close() throws Exception {
      client.disconnect().get(10, TimeUnit.SECONDS);
    }
  }
}
