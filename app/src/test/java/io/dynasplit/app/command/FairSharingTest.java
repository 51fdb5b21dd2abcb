package io.dynasplit.app.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dynasplit.cloud.CloudSettings;
import io.dynasplit.cloud.EmulatedConditions;
import io.dynasplit.edge.EdgeSettings;
import io.dynasplit.schemas.DType;
import io.dynasplit.schemas.InferenceReply;
import io.dynasplit.schemas.InferenceRequest;
import io.dynasplit.schemas.Json;
import io.dynasplit.schemas.MessageSchema;
import io.dynasplit.schemas.Reply;
import io.dynasplit.schemas.RequestInput;
import io.dynasplit.schemas.SchemaValidator;
import io.dynasplit.schemas.Shape;
import io.dynasplit.schemas.Topics;
import io.dynasplit.testsupport.MosquittoConfig;
import io.dynasplit.testsupport.MosquittoProcess;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three cloud workers sharing one edge's tails (issue 13, item 1), each naming itself in the
 * replies. Each worker instance takes one tail at a time (receive maximum 1, acknowledged once
 * answered). On Mosquitto, which hands shared-subscription messages round robin, every worker
 * serves a share. The embedded HiveMQ CE broker does not honour that for sharing: with three raw
 * clients at receive maximum 1 acknowledging 50 ms late, one client got all 30 messages (clean or
 * persistent sessions alike), so this runs on Mosquitto and the embedded broker's sharing is open.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class FairSharingTest {

  private static final String MODEL = "ppocr-cls";
  private static final String EDGE = "fair-edge";
  private static final List<String> WORKERS = List.of("worker-a", "worker-b", "worker-c");
  private static final int REQUESTS = 300;
  private static final int IN_FLIGHT = 24;

  private static void send(DataPlaneFixture.Requester requester, RequestInput input, int i)
      throws Exception {
    // the energy policy runs the front's middle split: head on the edge, tail in the cloud
    byte[] payload =
        Json.toBytes(InferenceRequest.of("fair-" + i, MODEL, 60_000, input).withPolicy("energy"));
    requester.send(Topics.DEFAULT.edgeRequests(EDGE), payload, "fair-" + i);
  }

  /**
   * Verifies that three workers, each on its own Vert.x with its own MQTT clients, each serve at
   * least 15% of 300 split requests of one edge, and that every reply names the worker that ran its
   * tail (or says the edge ran it), valid against the reply schema.
   */
  @Test
  void threeWorkersEachServeAShare(@TempDir Path dir) throws Exception {
    assumeTrue(MosquittoProcess.isInstalled(), "mosquitto is not installed");
    try (MosquittoProcess broker = MosquittoProcess.start(MosquittoConfig.anonymous(), dir)) {
      share(broker.host(), broker.port());
    }
  }

  private void share(String host, int port) throws Exception {
    List<Vertx> workers = new ArrayList<>();
    Vertx edge = DataPlaneFixture.vertx();
    try {
      for (String w : WORKERS) {
        Vertx v = DataPlaneFixture.vertx();
        workers.add(v);
        // each tail holds its worker 8 times its compute, as on a loaded cloud: the cloud, not
        // the edge, is the bottleneck, which is when sharing matters
        EmulatedConditions busy = EmulatedConditions.none();
        busy.set(new EmulatedConditions.Setting(0, 8));
        v.deployVerticle(
                DataPlaneFixture.cloudNode(
                    CloudSettings.defaults(w, host, port).withEmulation(busy)))
            .await(60, TimeUnit.SECONDS);
      }
      edge.deployVerticle(
              DataPlaneFixture.edgeNode(
                  EdgeSettings.defaults(EDGE, host, port),
                  List.of(MODEL),
                  Map.of(MODEL, DataPlaneFixture.threeSplitFront(MODEL))))
          .await(60, TimeUnit.SECONDS);
      Map<String, Integer> served = new TreeMap<>();
      int fallbacks = 0;
      try (DataPlaneFixture.Requester requester = new DataPlaneFixture.Requester(host, port)) {
        byte[] bytes = new byte[3 * 48 * 192 * 4];
        new java.util.Random(7).nextBytes(bytes);
        for (int b = 3; b < bytes.length; b += 4) {
          bytes[b] = 0x3c; // small finite floats
        }
        RequestInput input = RequestInput.tensor(DType.FLOAT32, Shape.of(1, 3, 48, 192), bytes);
        // 24 in flight (the edge admits 64): enough to keep three workers busy
        int sent = 0;
        for (; sent < IN_FLIGHT; sent++) {
          send(requester, input, sent);
        }
        for (int i = 0; i < REQUESTS; i++) {
          Reply r = requester.next(120);
          if (sent < REQUESTS) {
            send(requester, input, sent++);
          }
          InferenceReply ok =
              assertInstanceOf(InferenceReply.class, r, () -> Json.toPrettyString(r));
          SchemaValidator.shared().requireValid(MessageSchema.REPLY, Json.toBytes(ok));
          if (ok.ranFallback()) {
            fallbacks++;
          } else {
            assertNotNull(
                ok.cloudWorker(), () -> "reply names no worker: " + Json.toPrettyString(ok));
            served.merge(ok.cloudWorker(), 1, Integer::sum);
          }
        }
      }
      System.out.println("fair sharing on mosquitto: " + served + ", fallbacks " + fallbacks);
      assertEquals(WORKERS, List.copyOf(served.keySet()), "workers that served: " + served);
      for (var e : served.entrySet()) {
        assertTrue(
            e.getValue() >= REQUESTS * 0.15,
            e.getKey() + " served less than 15%: " + served + ", fallbacks " + fallbacks);
      }
    } finally {
      edge.close().await(30, TimeUnit.SECONDS);
      for (Vertx v : workers) {
        v.close().await(30, TimeUnit.SECONDS);
      }
    }
  }
}
