package io.dynasplit.app.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.dynasplit.broker.EmbeddedBroker;
import io.dynasplit.edge.inference.CatalogModels;
import io.dynasplit.edge.inference.ServedModels;
import io.dynasplit.models.runtime.ModelSession;
import io.dynasplit.models.runtime.SessionKey;
import io.dynasplit.schemas.DType;
import io.dynasplit.schemas.InferenceReply;
import io.dynasplit.schemas.InferenceRequest;
import io.dynasplit.schemas.Reply;
import io.dynasplit.schemas.RequestInput;
import io.dynasplit.schemas.Shape;
import io.dynasplit.schemas.Topics;
import io.dynasplit.testsupport.EmbeddedBrokerExtension;
import io.vertx.core.Vertx;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * End to end through the embedded broker with the PP-OCR text direction classifier: one edge node
 * and one cloud worker, the classifier run all on the edge, split in the middle, and all in the
 * cloud.
 */
@ExtendWith(EmbeddedBrokerExtension.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SplitInferenceEndToEndTest {

  private static final String MODEL = "ppocr-cls";
  private static final String EDGE = "e2e-edge";
  private static Vertx vertx;
  private static DataPlaneFixture.Requester requester;
  private static int middle;
  private static int allEdge;

  @BeforeAll
  static void start(EmbeddedBroker broker) throws Exception {
    vertx = DataPlaneFixture.vertx();
    allEdge = DataPlaneFixture.PARTS.allEdgeSplit(MODEL);
    middle = DataPlaneFixture.middleSplit(MODEL);
    assertTrue(
        middle > 0 && middle < allEdge,
        "a middle split exists: " + DataPlaneFixture.PARTS.candidates(MODEL));
    // energy is lowest at the middle split, latency lowest in the cloud: the "energy", "cloud" and
    // "edge" policies pick the middle split, all-cloud and all-edge
    DataPlaneFixture.deploySplitPlane(vertx, broker, "e2e-cloud", EDGE, MODEL);
    requester = new DataPlaneFixture.Requester(broker);
  }

  @AfterAll
  static void stop() throws Exception {
    if (requester != null) {
      requester.close();
    }
    if (vertx != null) {
      vertx.close().await(30, TimeUnit.SECONDS);
    }
  }

  /**
   * Verifies that the classifier run entirely on the edge answers what the full model answers
   * locally.
   */
  @Test
  void allEdgeMatchesTheFullModel() throws Exception {
    assertMatchesLocal("edge", allEdge, 1);
  }

  /**
   * Verifies that the classifier split in the middle (head on the edge, tail in the cloud) answers
   * what the full model answers locally.
   */
  @Test
  void middleSplitMatchesTheFullModel() throws Exception {
    assertMatchesLocal("energy", middle, 2);
  }

  /**
   * Verifies that the classifier run entirely in the cloud answers what the full model answers
   * locally.
   */
  @Test
  void allCloudMatchesTheFullModel() throws Exception {
    assertMatchesLocal("cloud", 0, 3);
  }

  private void assertMatchesLocal(String policy, int expectedSplit, long seed) throws Exception {
    // given
    float[] values = randomInput(seed);
    byte[] bytes = littleEndian(values);
    RequestInput input = RequestInput.tensor(DType.FLOAT32, Shape.of(1, 3, 48, 192), bytes);
    InferenceRequest request =
        InferenceRequest.of("e2e-" + policy, MODEL, 10_000, input).withPolicy(policy);

    // when
    requester.send(
        Topics.DEFAULT.edgeRequests(EDGE),
        io.dynasplit.schemas.Json.toBytes(request),
        "c-" + policy);
    Reply reply = requester.next(60);

    // then
    InferenceReply ok =
        assertInstanceOf(InferenceReply.class, reply, () -> DataPlaneFixture.json(reply));
    assertEquals(request.id(), ok.id());
    assertEquals(expectedSplit, ok.config().split(), "split chosen by policy " + policy);
    assertEquals(
        "c-" + policy,
        new String(requester.correlations.poll(5, TimeUnit.SECONDS), StandardCharsets.UTF_8));
    JsonNode local = localOutput(input);
    assertEquals(local.get("top").size(), ok.output().get("top").size());
    for (int i = 0; i < local.get("top").size(); i++) {
      JsonNode want = local.get("top").get(i);
      JsonNode got = ok.output().get("top").get(i);
      assertEquals(want.get("label").asText(), got.get("label").asText());
      assertEquals(want.get("probability").asDouble(), got.get("probability").asDouble(), 1e-5);
    }
    assertTrue(ok.timing().totalMs() > 0);
    assertTrue(ok.energyJ().edge() >= 0);
  }

  private static JsonNode localOutput(RequestInput input) {
    CatalogModels models = new CatalogModels(DataPlaneFixture.PARTS, List.of(MODEL));
    ServedModels.Prepared prepared = models.prepare(MODEL, input);
    try (ModelSession full =
        ModelSession.load(
            SessionKey.full(MODEL),
            DataPlaneFixture.PARTS.bytes(MODEL, 0, io.dynasplit.models.runtime.Part.FULL))) {
      return models.finish(MODEL, full.run(prepared.inputs()), prepared.context());
    }
  }

  private static float[] randomInput(long seed) {
    Random random = new Random(seed);
    float[] v = new float[3 * 48 * 192];
    for (int i = 0; i < v.length; i++) {
      v[i] = random.nextFloat() * 2 - 1;
    }
    return v;
  }

  private static byte[] littleEndian(float[] values) {
    ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    b.asFloatBuffer().put(values);
    return b.array();
  }
}
