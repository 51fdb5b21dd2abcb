package io.dynasplit.app.command;

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
import io.dynasplit.broker.EmbeddedBroker;
import io.dynasplit.schemas.FrameCodec;
import io.dynasplit.schemas.InferenceReply;
import io.dynasplit.schemas.Json;
import io.dynasplit.schemas.ParetoFront;
import io.dynasplit.schemas.Reply;
import io.dynasplit.schemas.Topics;
import io.dynasplit.schemas.mqtt.MqttContent;
import io.dynasplit.schemas.mqtt.TraceParent;
import io.dynasplit.testsupport.EmbeddedBrokerExtension;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The MQTT 5 properties of every hop of a split request (ARCHITECTURE 4.6), watched by an observer
 * on the embedded broker while {@code dynasplit request} asks an edge and a cloud worker: the
 * request, the tail call and its answer are DSF1 frames by their content type, the reply and the
 * status JSON; the request's {@code traceparent} trace id is on the tail call, the tail answer and
 * the reply, each hop with its own span id.
 */
@ExtendWith(EmbeddedBrokerExtension.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class MqttPropertiesEndToEndTest {

  private static final String MODEL = "ppocr-cls";
  private static final String EDGE = "props-e2e-edge";
  private static final Topics TOPICS = Topics.DEFAULT;
  private static Vertx vertx;
  private static EmbeddedBroker broker;
  private static Mqtt5AsyncClient observer;
  private static final BlockingQueue<Mqtt5Publish> seen = new LinkedBlockingQueue<>();

  @BeforeAll
  static void start(EmbeddedBroker b) throws Exception {
    broker = b;
    vertx = DataPlaneFixture.vertx();
    // the "energy" policy picks the middle split: head on the edge, tail in the cloud
    ParetoFront front = DataPlaneFixture.threeSplitFront(MODEL);
    vertx
        .deployVerticle(DataPlaneFixture.cloudNode(DataPlaneFixture.cloud(broker, "props-cloud")))
        .compose(
            id ->
                vertx.deployVerticle(
                    DataPlaneFixture.edgeNode(
                        DataPlaneFixture.edge(broker, EDGE), List.of(MODEL), Map.of(MODEL, front))))
        .await(60, TimeUnit.SECONDS);
    observer =
        MqttClient.builder()
            .useMqttVersion5()
            .identifier("props-observer-" + UUID.randomUUID())
            .serverHost(broker.host())
            .serverPort(broker.port())
            .buildAsync();
    observer.publishes(MqttGlobalPublishFilter.ALL, seen::add);
    observer.connect().get(10, TimeUnit.SECONDS);
    for (String filter :
        List.of(
            TOPICS.edgeRequests(EDGE),
            TOPICS.cloudTail(),
            TOPICS.edgeTailResults(EDGE),
            TOPICS.edgeRepliesFilter(EDGE),
            TOPICS.edgeStatus(EDGE))) {
      observer
          .subscribeWith()
          .topicFilter(filter)
          .qos(MqttQos.AT_LEAST_ONCE)
          .send()
          .get(10, TimeUnit.SECONDS);
    }
  }

  @AfterAll
  static void stop() throws Exception {
    if (observer != null) {
      observer.disconnect().get(10, TimeUnit.SECONDS);
    }
    if (vertx != null) {
      vertx.close().await(30, TimeUnit.SECONDS);
    }
  }

  /**
   * Verifies that a frame request's trace runs through the tail call and the tail answer to the
   * reply, and that each publish says what its payload is.
   */
  @Test
  void everyHopCarriesItsContentTypeAndTheRequestsTrace() throws Exception {
    seen.clear();
    CliRun r = request("--random-tensor", "--frame");
    assertEquals(0, r.exit(), () -> r.out() + r.err());
    Reply reply = Reply.fromJson(r.out().getBytes(StandardCharsets.UTF_8));
    assertInstanceOf(InferenceReply.class, reply, r::out);

    Mqtt5Publish sent = next(TOPICS.edgeRequests(EDGE));
    Mqtt5Publish call = next(TOPICS.cloudTail());
    Mqtt5Publish answer = next(TOPICS.edgeTailResults(EDGE));
    // the request command's reply topic, edge/{edgeId}/replies/{session}
    Mqtt5Publish back = next(TOPICS.edgeRepliesFilter(EDGE).replace("+", ""));
    assertFrame(sent);
    assertFrame(call);
    assertFrame(answer);
    assertJson(back);
    assertTrue(back.getMessageExpiryInterval().orElse(0) >= 1, back::toString);
    assertTrue(call.getMessageExpiryInterval().orElse(0) >= 1, call::toString);

    TraceParent t0 = trace(sent);
    TraceParent t1 = trace(call);
    TraceParent t2 = trace(answer);
    TraceParent t3 = trace(back);
    for (TraceParent t : List.of(t1, t2, t3)) {
      assertEquals(t0.traceId(), t.traceId(), "one trace from the request to the reply");
    }
    assertNotEquals(t0.spanId(), t1.spanId(), "the edge's span");
    assertNotEquals(t1.spanId(), t2.spanId(), "the cloud's span");
    assertEquals(t1, t3, "the tail call and the reply come from the edge's one span");
  }

  /** Verifies that a JSON envelope request and the edge's retained status are marked JSON. */
  @Test
  void jsonRequestsAndStatusAreMarkedJson() throws Exception {
    seen.clear();
    CliRun r = request("--random-tensor");
    assertEquals(0, r.exit(), () -> r.out() + r.err());
    assertJson(next(TOPICS.edgeRequests(EDGE)));

    // a new subscription gets the retained status again
    observer
        .unsubscribeWith()
        .topicFilter(TOPICS.edgeStatus(EDGE))
        .send()
        .get(10, TimeUnit.SECONDS);
    seen.clear();
    observer
        .subscribeWith()
        .topicFilter(TOPICS.edgeStatus(EDGE))
        .qos(MqttQos.AT_LEAST_ONCE)
        .send()
        .get(10, TimeUnit.SECONDS);
    Mqtt5Publish status = next(TOPICS.edgeStatus(EDGE));
    assertTrue(status.isRetain(), status::toString);
    assertJson(status);
  }

  /** Runs {@code dynasplit request} against the test's edge with a generous SLA. */
  private static CliRun request(String... input) {
    return DataPlaneFixture.request(broker, EDGE, MODEL, input);
  }

  /** The next publish the observer saw on a topic (or under a topic prefix), skipping others. */
  private static Mqtt5Publish next(String topicOrPrefix) throws InterruptedException {
    List<Mqtt5Publish> skipped = new ArrayList<>();
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < until) {
      Mqtt5Publish p = seen.poll(1, TimeUnit.SECONDS);
      if (p != null && p.getTopic().toString().startsWith(topicOrPrefix)) {
        seen.addAll(skipped);
        return p;
      }
      if (p != null) {
        skipped.add(p);
      }
    }
    seen.addAll(skipped);
    throw new AssertionError("nothing on " + topicOrPrefix + " within 30 s; saw " + skipped);
  }

  private static TraceParent trace(Mqtt5Publish p) {
    TraceParent t = MqttContent.traceParent(p.getUserProperties()).orElse(null);
    assertNotNull(t, () -> "no valid traceparent on " + p);
    return t;
  }

  private static void assertFrame(Mqtt5Publish p) {
    assertEquals(
        FrameCodec.MEDIA_TYPE, p.getContentType().map(Object::toString).orElse(null), p::toString);
  }

  private static void assertJson(Mqtt5Publish p) {
    assertEquals(
        Json.MEDIA_TYPE, p.getContentType().map(Object::toString).orElse(null), p::toString);
    assertEquals(
        Mqtt5PayloadFormatIndicator.UTF_8, p.getPayloadFormatIndicator().orElse(null), p::toString);
  }
}
