package io.dynasplit.app.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.dynasplit.broker.EmbeddedBroker;
import io.dynasplit.edge.node.EdgeNodeVerticle;
import io.dynasplit.schemas.Configuration;
import io.dynasplit.schemas.DType;
import io.dynasplit.schemas.ErrorCode;
import io.dynasplit.schemas.ErrorReply;
import io.dynasplit.schemas.FrontEntry;
import io.dynasplit.schemas.InferenceReply;
import io.dynasplit.schemas.InferenceRequest;
import io.dynasplit.schemas.Json;
import io.dynasplit.schemas.ParetoFront;
import io.dynasplit.schemas.Reply;
import io.dynasplit.schemas.RequestInput;
import io.dynasplit.schemas.Shape;
import io.dynasplit.schemas.Topics;
import io.dynasplit.testsupport.EmbeddedBrokerExtension;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The cloud worker goes away while requests are split across edge and cloud. */
@ExtendWith({EmbeddedBrokerExtension.class, VertxExtension.class})
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CloudFailureTest {

  private static final String MODEL = "ppocr-cls";
  private static final String EDGE = "fault-edge";
  private static final long SLA_MS = 1500;
  private static final long GRACE_MS = 500;

  /**
   * A generous allowance for the broker hops and a loaded machine: a correctness bound, not a
   * timing.
   */
  private static final long SLACK_MS = 5000;

  private Vertx vertx;

  @AfterEach
  void stop() throws Exception {
    if (vertx != null) {
      vertx.close().await(30, TimeUnit.SECONDS);
    }
  }

  /**
   * Verifies that when the cloud worker is undeployed mid-run every request still gets exactly one
   * reply, a fallback output or CLOUD_UNAVAILABLE, within its deadline plus the grace (plus a
   * fixed, generous slack for the hops).
   */
  @Test
  void everyRequestGetsExactlyOneReplyWhenTheCloudGoesAway(
      EmbeddedBroker broker, VertxTestContext test) throws Exception {
    // given: the classifier split in the middle, with an all-edge entry that makes a local tail
    // affordable
    vertx = DataPlaneFixture.vertx();
    int middle = middleSplit();
    ParetoFront front = front(middle, 40);
    String cloudId =
        vertx
            .deployVerticle(
                DataPlaneFixture.cloudNode(DataPlaneFixture.cloud(broker, "fault-cloud")))
            .await(60, TimeUnit.SECONDS);
    EdgeNodeVerticle edge =
        DataPlaneFixture.edgeNode(
            DataPlaneFixture.edge(broker, EDGE).withGraceMs(GRACE_MS),
            List.of(MODEL),
            Map.of(MODEL, front));
    vertx.deployVerticle(edge).await(60, TimeUnit.SECONDS);

    try (DataPlaneFixture.Requester requester = new DataPlaneFixture.Requester(broker)) {
      // when: 30 requests (policy energy picks the middle split), the cloud undeployed after the
      // 10th
      int total = 30;
      Map<String, Long> sentAt = new HashMap<>();
      for (int i = 0; i < total; i++) {
        if (i == 10) {
          vertx.undeploy(cloudId).await(30, TimeUnit.SECONDS);
        }
        String id = "fault-" + i;
        sentAt.put(id, System.nanoTime());
        requester.send(Topics.DEFAULT.edgeRequests(EDGE), request(id, SLA_MS, 11 + i), id);
        Thread.sleep(50);
      }

      // then: exactly one reply each, ok (from the cloud or the edge's fallback) or
      // CLOUD_UNAVAILABLE
      Map<String, Integer> replies = new HashMap<>();
      long waitUntil = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SLA_MS + GRACE_MS + 5000);
      while (replies.values().stream().mapToInt(Integer::intValue).sum() < total
          && System.nanoTime() < waitUntil) {
        Reply reply = requester.replies.poll(200, TimeUnit.MILLISECONDS);
        if (reply == null) {
          continue;
        }
        replies.merge(reply.id(), 1, Integer::sum);
        assertInTime(sentAt, reply);
        if (reply instanceof ErrorReply e && e.code() != ErrorCode.CLOUD_UNAVAILABLE) {
          fail("unexpected error reply: " + DataPlaneFixture.json(e));
        }
        if (reply instanceof InferenceReply ok) {
          assertEquals(middle, ok.config().split());
        }
      }
      // no second reply for anyone, even late
      Reply extra = requester.replies.poll(SLA_MS + GRACE_MS, TimeUnit.MILLISECONDS);
      if (extra != null) {
        replies.merge(extra.id(), 1, Integer::sum);
      }
      for (String id : sentAt.keySet()) {
        assertEquals(1, replies.getOrDefault(id, 0), "replies to " + id + ": " + replies);
      }
      assertTrue(
          edge.metrics().inFlight() == 0, "nothing left in flight: " + edge.metrics().inFlight());
      test.completeNow();
    }
  }

  /**
   * Verifies that a request split across edge and cloud is finished by the edge's local tail when
   * the cloud worker has gone: the reply is ok, says {@code "fallback": true}, and the fallback
   * counter moved; while the cloud was up the reply said nothing of a fallback.
   */
  @Test
  void theLocalTailAnswersWhenTheCloudIsGone(EmbeddedBroker broker, VertxTestContext test)
      throws Exception {
    // given: a front whose all-edge entry makes a local tail of the middle split cheap
    vertx = DataPlaneFixture.vertx();
    int middle = middleSplit();
    ParetoFront front = front(middle, 40);
    String cloudId =
        vertx
            .deployVerticle(
                DataPlaneFixture.cloudNode(DataPlaneFixture.cloud(broker, "fallback-cloud")))
            .await(60, TimeUnit.SECONDS);
    EdgeNodeVerticle edge =
        DataPlaneFixture.edgeNode(
            DataPlaneFixture.edge(broker, EDGE).withGraceMs(GRACE_MS),
            List.of(MODEL),
            Map.of(MODEL, front));
    vertx.deployVerticle(edge).await(60, TimeUnit.SECONDS);
    long slaMs = 4000;

    try (DataPlaneFixture.Requester requester = new DataPlaneFixture.Requester(broker)) {
      // when: one request while the cloud is up, then the cloud killed and three more
      requester.send(Topics.DEFAULT.edgeRequests(EDGE), request("up-0", slaMs, 1), "up-0");
      Reply first = requester.replies.poll(slaMs + GRACE_MS + SLACK_MS, TimeUnit.MILLISECONDS);
      vertx.undeploy(cloudId).await(30, TimeUnit.SECONDS);
      for (int i = 0; i < 3; i++) {
        String id = "gone-" + i;
        requester.send(Topics.DEFAULT.edgeRequests(EDGE), request(id, slaMs, 2 + i), id);
      }
      List<Reply> after = new java.util.ArrayList<>();
      long waitUntil =
          System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(slaMs + GRACE_MS + SLACK_MS);
      while (after.size() < 3 && System.nanoTime() < waitUntil) {
        Reply reply = requester.replies.poll(200, TimeUnit.MILLISECONDS);
        if (reply != null) {
          after.add(reply);
        }
      }

      // then: the cloud answered the first; the edge's local tail answered the rest
      InferenceReply up =
          assertInstanceOf(InferenceReply.class, first, "reply while the cloud was up");
      assertFalse(up.ranFallback(), DataPlaneFixture.json(up));
      assertFalse(DataPlaneFixture.json(up).contains("\"fallback\":"), DataPlaneFixture.json(up));
      assertEquals("fallback-cloud", up.cloudWorker(), "the worker that ran the tail");
      assertEquals(3, after.size(), "replies after the cloud went: " + after);
      for (Reply reply : after) {
        InferenceReply ok =
            assertInstanceOf(InferenceReply.class, reply, DataPlaneFixture.json(reply));
        assertTrue(ok.ranFallback(), DataPlaneFixture.json(ok));
        assertTrue(
            DataPlaneFixture.json(ok).contains("\"fallback\":true"), DataPlaneFixture.json(ok));
        assertEquals(middle, ok.config().split());
        assertNull(ok.cloudWorker(), "no cloud worker ran a fallback's tail");
      }
      assertEquals(3, edge.metrics().fallbacks(), "fallbacks counted");
      test.completeNow();
    }
  }

  /**
   * Verifies that with no cloud worker and no local tail that fits in the deadline, the reply is
   * {@code CLOUD_UNAVAILABLE} and no fallback is counted.
   */
  @Test
  void cloudUnavailableWhenNoLocalTailCanMeetTheDeadline(
      EmbeddedBroker broker, VertxTestContext test) throws Exception {
    // given: no cloud at all, and a front whose all-edge entry says a local tail takes 100 s
    vertx = DataPlaneFixture.vertx();
    int middle = middleSplit();
    ParetoFront front = front(middle, 100_000);
    EdgeNodeVerticle edge =
        DataPlaneFixture.edgeNode(
            DataPlaneFixture.edge(broker, EDGE).withGraceMs(GRACE_MS),
            List.of(MODEL),
            Map.of(MODEL, front));
    vertx.deployVerticle(edge).await(60, TimeUnit.SECONDS);

    try (DataPlaneFixture.Requester requester = new DataPlaneFixture.Requester(broker)) {
      // when
      requester.send(Topics.DEFAULT.edgeRequests(EDGE), request("no-cloud", SLA_MS, 3), "no-cloud");
      Reply reply = requester.replies.poll(SLA_MS + GRACE_MS + SLACK_MS, TimeUnit.MILLISECONDS);

      // then
      ErrorReply error = assertInstanceOf(ErrorReply.class, reply, "reply: " + reply);
      assertEquals(ErrorCode.CLOUD_UNAVAILABLE, error.code(), DataPlaneFixture.json(error));
      assertEquals(0, edge.metrics().fallbacks(), "fallbacks counted");
      test.completeNow();
    }
  }

  private static int middleSplit() {
    List<Integer> candidates = DataPlaneFixture.PARTS.candidates(MODEL);
    return candidates.get(candidates.size() / 2);
  }

  /** A front of the all-edge entry (head time {@code allEdgeMs}) and the middle split's entry. */
  private static ParetoFront front(int middle, double allEdgeMs) {
    int allEdge = DataPlaneFixture.PARTS.allEdgeSplit(MODEL);
    return new ParetoFront(
        ParetoFront.SCHEMA_VERSION,
        MODEL,
        "test",
        "2026-01-01T00:00:00Z",
        List.of(
            new FrontEntry(
                Configuration.atSplit(allEdge).withCloudAccelerator(Configuration.CLOUD_NONE),
                allEdgeMs,
                allEdgeMs,
                allEdgeMs,
                0,
                0,
                0,
                5,
                0,
                null,
                10),
            new FrontEntry(
                Configuration.atSplit(middle), 20, 20, 10, 5, 5, 1000, 1, 0.5, null, 10)));
  }

  /** A classifier request with a seeded random tensor, scheduled by the energy policy. */
  private static byte[] request(String id, long slaMs, long seed) {
    Random random = new Random(seed);
    float[] v = new float[3 * 48 * 192];
    for (int k = 0; k < v.length; k++) {
      v[k] = random.nextFloat();
    }
    java.nio.ByteBuffer b =
        java.nio.ByteBuffer.allocate(v.length * 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    b.asFloatBuffer().put(v);
    InferenceRequest r =
        InferenceRequest.of(
                id,
                MODEL,
                slaMs,
                RequestInput.tensor(DType.FLOAT32, Shape.of(1, 3, 48, 192), b.array()))
            .withPolicy("energy");
    return Json.toBytes(r);
  }

  /** Fails when a reply came later than its request's deadline plus the grace and the slack. */
  private static void assertInTime(Map<String, Long> sentAt, Reply reply) {
    Long sent = sentAt.get(reply.id());
    if (sent == null) {
      fail("a reply to a request that was not sent: " + DataPlaneFixture.json(reply));
    }
    long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent);
    assertTrue(
        tookMs <= SLA_MS + GRACE_MS + SLACK_MS,
        "reply to "
            + reply.id()
            + " came "
            + tookMs
            + " ms after the request, past its "
            + SLA_MS
            + " ms sla + "
            + GRACE_MS
            + " ms grace + "
            + SLACK_MS
            + " ms slack");
  }
}
