package io.dynasplit.edge.ingress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import io.dynasplit.broker.EmbeddedBroker;
import io.dynasplit.edge.EdgeMetrics;
import io.dynasplit.edge.EdgeSettings;
import io.dynasplit.edge.node.EdgeNodeVerticle;
import io.dynasplit.energy.ThreadCpuTime;
import io.dynasplit.schemas.DType;
import io.dynasplit.schemas.InferenceReply;
import io.dynasplit.schemas.InferenceRequest;
import io.dynasplit.schemas.Json;
import io.dynasplit.schemas.Reply;
import io.dynasplit.schemas.RequestInput;
import io.dynasplit.schemas.Shape;
import io.dynasplit.schemas.Timing;
import io.dynasplit.schemas.Topics;
import io.dynasplit.testsupport.EmbeddedBrokerExtension;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A burst on an edge with one inference worker: given-up requests stop using the worker, and the
 * timing accounts for the worker queue.
 */
@ExtendWith(EmbeddedBrokerExtension.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class QueueDeadlineTest {

  private static final String EDGE = "deadline-edge";
  private static final String TOPIC = Topics.DEFAULT.edgeRequests(EDGE);
  private static final int BURST = 80;

  private Vertx vertx;
  private EdgeNodeVerticle edge;
  private EdgeFixture.Requester requester;

  @BeforeEach
  void start(EmbeddedBroker broker) throws Exception {
    vertx = EdgeFixture.vertx();
    EdgeSettings settings =
        EdgeSettings.defaults(EDGE, broker.host(), broker.port())
            .withHeadWorkers(1)
            .withGraceMs(20)
            .withMaxInFlight(BURST * 2);
    edge = EdgeFixture.classifierEdge(settings);
    vertx.deployVerticle(edge).await(60, TimeUnit.SECONDS);
    requester = new EdgeFixture.Requester(broker.host(), broker.port());
  }

  @AfterEach
  void stop() throws Exception {
    if (requester != null) {
      requester.close();
    }
    if (vertx != null) {
      vertx.close().await(30, TimeUnit.SECONDS);
    }
  }

  private static byte[] request(String id, long slaMs) {
    return Json.toBytes(
        InferenceRequest.of(
            id,
            "ppocr-cls",
            slaMs,
            RequestInput.tensor(
                DType.FLOAT32, Shape.of(1, 3, 48, 192), new byte[3 * 48 * 192 * 4])));
  }

  /** Sends the burst without waiting between publishes and collects one reply per request id. */
  private Map<String, Reply> burst(String prefix, long slaMs) throws Exception {
    List<CompletableFuture<?>> sent = new ArrayList<>();
    for (int i = 0; i < BURST; i++) {
      sent.add(
          requester
              .client
              .publishWith()
              .topic(TOPIC)
              .qos(MqttQos.AT_LEAST_ONCE)
              .responseTopic(requester.replyTopic)
              .payload(request(prefix + i, slaMs))
              .send());
    }
    CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
    Map<String, Reply> replies = new HashMap<>();
    for (int i = 0; i < BURST; i++) {
      Reply r = requester.next();
      assertTrue(replies.put(r.id(), r) == null, "a second reply for " + r.id());
    }
    return replies;
  }

  /**
   * Waits until every admission slot is back, i.e. the pipeline has finished with every request.
   */
  private void awaitIdle(EdgeMetrics metrics) throws InterruptedException {
    for (int i = 0; i < 600 && metrics.inFlight() > 0; i++) {
      Thread.sleep(50);
    }
    assertEquals(0, metrics.inFlight(), "admission slots still taken");
  }

  /**
   * Verifies that requests given up at their deadline plus grace get exactly one reply, that their
   * jobs still queued for the one worker are skipped rather than run, and that their admission
   * slots come back once the pipeline has finished with them.
   */
  @Test
  void givenUpRequestsDoNotKeepTheWorkerBusy() throws Exception {
    Map<String, Reply> replies = burst("d-", 1);
    assertEquals(BURST, replies.size());
    EdgeMetrics metrics = edge.metrics();
    awaitIdle(metrics);
    assertTrue(metrics.expiredJobs() > 0, "no queued job of a given-up request was skipped");
    // nothing more arrives for the burst, and the edge still serves
    assertEquals(
        null, requester.replies.poll(500, TimeUnit.MILLISECONDS), "an extra reply after the burst");
    requester.send(TOPIC, request("after", 10_000));
    Reply after = requester.next();
    assertInstanceOf(
        InferenceReply.class, after, () -> new String(Json.toBytes(after), StandardCharsets.UTF_8));
  }

  /**
   * Verifies that the time requests wait for the one inference worker shows in the timing: over a
   * burst, queue, edge, transfer and cloud add up to the total but for the hops and the reply's
   * composition (less than half of it, however long the requests queued).
   */
  @Test
  void timingAccountsForTheWorkerQueue() throws Exception {
    Map<String, Reply> replies = burst("t-", 60_000);
    double total = 0;
    double accounted = 0;
    for (Reply r : replies.values()) {
      InferenceReply ok =
          assertInstanceOf(
              InferenceReply.class, r, () -> new String(Json.toBytes(r), StandardCharsets.UTF_8));
      Timing t = ok.timing();
      double parts = t.queueMs() + t.edgeMs() + t.transferMs() + t.cloudMs();
      assertTrue(
          parts <= t.totalMs() + 1e-6,
          "parts " + parts + " exceed the total " + t.totalMs() + " of " + r.id());
      total += t.totalMs();
      accounted += parts;
    }
    assertTrue(
        total - accounted < total / 2,
        "unaccounted " + (total - accounted) + " ms of " + total + " ms over the burst");
  }

  /**
   * Verifies that the edge's inference runs on threads named after the edge's worker pool, so that
   * a meter over those threads' CPU time (an edge sharing its process with a cloud worker) charges
   * it.
   */
  @Test
  void inferenceRunsOnTheEdgesNamedThreads() throws Exception {
    ThreadCpuTime edgeThreads = ThreadCpuTime.ofThreadsNamed(EdgeNodeVerticle.workerPoolName(EDGE));
    long before = edgeThreads.getAsLong();
    requester.send(TOPIC, request("named", 10_000));
    Reply reply = requester.next();
    assertInstanceOf(
        InferenceReply.class, reply, () -> new String(Json.toBytes(reply), StandardCharsets.UTF_8));
    assertTrue(edgeThreads.getAsLong() > before, "no cpu time on the edge's named threads");
  }
}
