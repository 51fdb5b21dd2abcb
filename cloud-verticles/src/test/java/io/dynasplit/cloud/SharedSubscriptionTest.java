package io.dynasplit.cloud;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import io.dynasplit.models.catalog.ModelCatalog;
import io.dynasplit.models.runtime.ModelSession;
import io.dynasplit.models.runtime.Part;
import io.dynasplit.models.runtime.SessionKey;
import io.dynasplit.models.runtime.SplitParts;
import io.dynasplit.schemas.Codec;
import io.dynasplit.schemas.Frame;
import io.dynasplit.schemas.FrameCodec;
import io.dynasplit.schemas.Shape;
import io.dynasplit.schemas.TailRequestHeader;
import io.dynasplit.schemas.TailResult;
import io.dynasplit.schemas.Tensor;
import io.dynasplit.schemas.Topics;
import io.dynasplit.testsupport.MosquittoConfig;
import io.dynasplit.testsupport.MosquittoProcess;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cloud workers on one broker, fed tail requests the way an edge sends them.
 *
 * <p>The broker is Mosquitto, which hands shared-subscription messages round robin. (HiveMQ CE
 * hands the next message to whichever subscriber asks first, so under light load one fast worker
 * may take everything; that is the broker's choice, not the workers'.)
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SharedSubscriptionTest {

  static final String MODEL = "ppocr-cls";
  static final SplitParts PARTS =
      new SplitParts(ModelCatalog.builtIn(Path.of("target", "models")), 1);
  private Vertx vertx;

  @BeforeEach
  void vertx() {
    vertx =
        Vertx.vertx(
            new VertxOptions()
                .setMaxEventLoopExecuteTime(100)
                .setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS));
  }

  @AfterEach
  void close() throws Exception {
    vertx.close().await(30, TimeUnit.SECONDS);
  }

  /**
   * Verifies that two cloud workers on the shared subscription both receive work, and answer it
   * with the tail's output.
   */
  @Test
  void twoWorkersBothReceiveWork(@TempDir Path dir, VertxTestContext test) throws Exception {
    assumeTrue(MosquittoProcess.isInstalled(), "mosquitto is not installed");
    try (MosquittoProcess broker = MosquittoProcess.start(MosquittoConfig.anonymous(), dir)) {
      twoWorkersShare(broker.host(), broker.port(), test);
    }
  }

  private void twoWorkersShare(String host, int port, VertxTestContext test) throws Exception {
    // given: two workers of one instance each, and the head output of the classifier at a middle
    // split
    for (String worker : List.of("worker-a", "worker-b")) {
      vertx
          .deployVerticle(
              new CloudNodeVerticle(CloudSettings.defaults(worker, host, port), PARTS, "test"))
          .await(60, TimeUnit.SECONDS);
    }
    List<Integer> candidates = PARTS.candidates(MODEL);
    int split = candidates.get(candidates.size() / 2);
    List<Tensor> intermediate = head(split);
    String responseTopic = Topics.DEFAULT.edgeTailResults("shared-test-edge");
    int jobs = 24;
    Map<String, String> workerOf = new ConcurrentHashMap<>();
    var done = test.checkpoint(jobs);
    Mqtt5AsyncClient edge =
        MqttClient.builder()
            .useMqttVersion5()
            .identifier("shared-test-edge")
            .serverHost(host)
            .serverPort(port)
            .buildAsync();
    edge.publishes(
        MqttGlobalPublishFilter.ALL,
        p -> {
          Frame frame = FrameCodec.decode(p.getPayload().orElseThrow());
          TailResult result = frame.metadata(TailResult.class);
          test.verify(
              () -> {
                assertTrue(result.isOk(), () -> "tail failed: " + result.error());
                assertEquals(1, frame.tensors().size());
                assertEquals(2, frame.tensors().get(0).elements());
              });
          if (workerOf.put(result.id(), result.workerId()) == null) {
            done.flag();
          }
        });
    edge.connect().get(10, TimeUnit.SECONDS);
    edge.subscribeWith()
        .topicFilter(responseTopic)
        .qos(MqttQos.AT_LEAST_ONCE)
        .send()
        .get(10, TimeUnit.SECONDS);

    // when
    for (int i = 0; i < jobs; i++) {
      long now = System.currentTimeMillis();
      TailRequestHeader header =
          new TailRequestHeader(
              "job-" + i,
              MODEL,
              split,
              60_000,
              now + 60_000,
              now,
              now,
              Codec.FP16,
              "shared-test-edge");
      edge.publishWith()
          .topic(Topics.DEFAULT.cloudTail())
          .qos(MqttQos.AT_LEAST_ONCE)
          .responseTopic(responseTopic)
          .correlationData(("job-" + i).getBytes())
          .payload(FrameCodec.encode(header, intermediate, Codec.FP16))
          .send()
          .get(10, TimeUnit.SECONDS);
    }

    // then
    assertTrue(test.awaitCompletion(90, TimeUnit.SECONDS), "all jobs answered");
    edge.disconnect().get(10, TimeUnit.SECONDS);
    assertEquals(
        Set.of("worker-a", "worker-b"),
        Set.copyOf(workerOf.values()),
        "workers that answered: " + workerOf);
  }

  static List<Tensor> head(int split) {
    Random random = new Random(5);
    float[] v = new float[3 * 48 * 192];
    for (int i = 0; i < v.length; i++) {
      v[i] = random.nextFloat() * 2 - 1;
    }
    Tensor x = Tensor.ofFloats("x", Shape.of(1, 3, 48, 192), v);
    try (ModelSession head =
        ModelSession.load(
            new SessionKey(MODEL, split, Part.HEAD, "cpu", 0),
            PARTS.bytes(MODEL, split, Part.HEAD))) {
      return head.run(List.of(x));
    }
  }
}
