package io.dynasplit.app.command;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.dynasplit.broker.EmbeddedBroker;
import io.dynasplit.schemas.DType;
import io.dynasplit.schemas.Frame;
import io.dynasplit.schemas.FrameCodec;
import io.dynasplit.schemas.InferenceReply;
import io.dynasplit.schemas.InferenceRequest;
import io.dynasplit.schemas.InputEncoding;
import io.dynasplit.schemas.Json;
import io.dynasplit.schemas.ParetoFront;
import io.dynasplit.schemas.Reply;
import io.dynasplit.schemas.RequestHeader;
import io.dynasplit.schemas.Tensor;
import io.dynasplit.schemas.Topics;
import io.dynasplit.testsupport.EmbeddedBrokerExtension;
import io.vertx.core.Vertx;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dynasplit request} with each kind of tensor input ({@code --tensor} raw and {@code .npy},
 * {@code --random-tensor}, in the JSON envelope and with {@code --frame}) against a real edge node
 * and cloud worker on the embedded broker, with the PP-OCR text direction classifier split in the
 * middle (head on the edge, tail in the cloud).
 */
@ExtendWith(EmbeddedBrokerExtension.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class RequestCommandTest {

  private static final String MODEL = "ppocr-cls";
  private static final String EDGE = "request-edge";
  private static final long[] SHAPE = {1, 3, 48, 192};
  private static final int ELEMENTS = 3 * 48 * 192;
  private static Vertx vertx;
  private static EmbeddedBroker broker;
  private static int middle;

  @BeforeAll
  static void start(EmbeddedBroker b) throws Exception {
    broker = b;
    vertx = DataPlaneFixture.vertx();
    int allEdge = DataPlaneFixture.PARTS.allEdgeSplit(MODEL);
    middle = DataPlaneFixture.middleSplit(MODEL);
    assertTrue(
        middle > 0 && middle < allEdge,
        "a middle split exists: " + DataPlaneFixture.PARTS.candidates(MODEL));
    // the "energy" policy picks the middle split: head on the edge, tail in the cloud
    ParetoFront front = DataPlaneFixture.threeSplitFront(MODEL);
    vertx
        .deployVerticle(DataPlaneFixture.cloudNode(DataPlaneFixture.cloud(broker, "request-cloud")))
        .compose(
            id ->
                vertx.deployVerticle(
                    DataPlaneFixture.edgeNode(
                        DataPlaneFixture.edge(broker, EDGE), List.of(MODEL), Map.of(MODEL, front))))
        .await(60, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() throws Exception {
    if (vertx != null) {
      vertx.close().await(30, TimeUnit.SECONDS);
    }
  }

  /** Runs {@code dynasplit request} against the test's edge with a generous SLA. */
  private static CliRun request(String... input) {
    return DataPlaneFixture.request(broker, EDGE, MODEL, input);
  }

  /** The ok reply a single request printed, run at the middle split (edge and cloud). */
  private static InferenceReply ok(CliRun r) {
    assertEquals(0, r.exit(), () -> r.out() + r.err());
    Reply reply = Reply.fromJson(r.out().getBytes(StandardCharsets.UTF_8));
    InferenceReply ok = assertInstanceOf(InferenceReply.class, reply, r::out);
    assertEquals(middle, ok.config().split(), "head on the edge, tail in the cloud");
    assertTrue(ok.output().get("top").size() > 0, r::out);
    return ok;
  }

  private static void assertSameOutput(InferenceReply want, InferenceReply got) {
    JsonNode a = want.output().get("top");
    JsonNode b = got.output().get("top");
    assertEquals(a.size(), b.size());
    for (int i = 0; i < a.size(); i++) {
      assertEquals(a.get(i).get("label").asText(), b.get(i).get("label").asText());
      assertEquals(
          a.get(i).get("probability").asDouble(), b.get(i).get("probability").asDouble(), 1e-5);
    }
  }

  /**
   * Verifies that --random-tensor gets an ok reply in the JSON envelope and as a frame, and that
   * the same seed is the same tensor either way (same answer).
   */
  @Test
  void randomTensorInTheEnvelopeAndAsAFrame() {
    InferenceReply json = ok(request("--random-tensor", "--seed", "3"));
    InferenceReply frame = ok(request("--random-tensor", "--seed", "3", "--frame"));
    assertSameOutput(json, frame);
  }

  /** Verifies that an image (--random) still gets an ok reply through the same envelope path. */
  @Test
  void randomImageInTheEnvelope() {
    ok(request("--random", "--size", "192x48"));
  }

  /**
   * Verifies that --tensor reads a raw float32 file and a .npy file of the same values, and that
   * each gets the same ok reply in the envelope and as a frame.
   */
  @Test
  void rawAndNpyTensorFilesInTheEnvelopeAndAsAFrame(@TempDir Path dir) throws Exception {
    byte[] values = NpyFiles.randomFloats(ELEMENTS, 11);
    Path raw = NpyFiles.write(dir, "crop.f32", values);
    Path npy = NpyFiles.write(dir, "crop.npy", NpyFiles.npy("<f4", SHAPE, values));

    InferenceReply rawJson = ok(request("--tensor", raw.toString()));
    assertSameOutput(rawJson, ok(request("--tensor", raw.toString(), "--frame")));
    assertSameOutput(rawJson, ok(request("--tensor", npy.toString())));
    assertSameOutput(rawJson, ok(request("--tensor", npy.toString(), "--frame")));
  }

  /**
   * Runs {@code dynasplit request --count 2 --concurrency 2} against an edge id where no edge runs
   * and returns the two requests a subscriber on its request topic caught.
   */
  private static List<Mqtt5Publish> onTheWire(String... input) throws Exception {
    String edge = "spy-edge-" + System.nanoTime();
    Mqtt5BlockingClient spy =
        MqttClient.builder()
            .useMqttVersion5()
            .identifier("request-" + edge)
            .serverHost(broker.host())
            .serverPort(broker.port())
            .buildBlocking();
    try (Mqtt5BlockingClient.Mqtt5Publishes publishes =
        spy.publishes(MqttGlobalPublishFilter.ALL)) {
      spy.connect();
      spy.subscribeWith()
          .topicFilter(Topics.DEFAULT.edgeRequests(edge))
          .qos(MqttQos.AT_LEAST_ONCE)
          .send();
      List<String> args =
          new ArrayList<>(
              List.of(
                  "request",
                  "--broker-host",
                  broker.host(),
                  "--broker-port",
                  String.valueOf(broker.port()),
                  "--edge",
                  edge,
                  "--model",
                  MODEL,
                  "--policy",
                  "energy",
                  "--sla",
                  "100",
                  "--timeout",
                  "0",
                  "--count",
                  "2",
                  "--concurrency",
                  "2"));
      args.addAll(List.of(input));
      CliRun r = CliRun.run(args.toArray(String[]::new));
      assertEquals(1, r.exit(), "no edge answers: " + r.out() + r.err());
      List<Mqtt5Publish> caught = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        caught.add(
            publishes
                .receive(10, TimeUnit.SECONDS)
                .orElseThrow(() -> new AssertionError("no request on the wire")));
      }
      return caught;
    } finally {
      spy.disconnect();
    }
  }

  private static String correlation(Mqtt5Publish p) {
    return StandardCharsets.UTF_8.decode(p.getCorrelationData().orElseThrow()).toString();
  }

  /**
   * Verifies what --frame puts on the wire: DSF1 frames whose header is each request's metadata
   * (its own id, the correlation data) and whose one tensor is named as the model's input, with its
   * shape and the --tensor file's values.
   */
  @Test
  void framesOnTheWire(@TempDir Path dir) throws Exception {
    byte[] values = NpyFiles.randomFloats(ELEMENTS, 5);
    Path npy = NpyFiles.write(dir, "crop.npy", NpyFiles.npy("<f4", SHAPE, values));
    List<String> ids = new ArrayList<>();
    for (Mqtt5Publish p : onTheWire("--tensor", npy.toString(), "--frame")) {
      Frame frame = FrameCodec.decode(ByteBuffer.wrap(p.getPayloadAsBytes()));
      RequestHeader header = frame.metadata(RequestHeader.class);
      assertEquals(correlation(p), header.id());
      ids.add(header.id());
      assertEquals(MODEL, header.model());
      assertEquals(100, header.slaMs());
      assertEquals("energy", header.policy());
      assertEquals(1, frame.tensors().size());
      Tensor t = frame.tensors().get(0);
      assertEquals("x", t.name());
      assertEquals(DType.FLOAT32, t.dtype());
      assertArrayEquals(SHAPE, t.shape().dims());
      byte[] got = new byte[values.length];
      t.data().get(got);
      assertArrayEquals(values, got);
    }
    assertEquals(2, ids.stream().distinct().count(), ids.toString());
  }

  /**
   * Verifies what a tensor in the envelope puts on the wire: JSON requests, each with its own id
   * (the correlation data), in the tensor input form with the raw file's values.
   */
  @Test
  void envelopesOnTheWire(@TempDir Path dir) throws Exception {
    byte[] values = NpyFiles.randomFloats(ELEMENTS, 6);
    Path raw = NpyFiles.write(dir, "crop.f32", values);
    List<String> ids = new ArrayList<>();
    for (Mqtt5Publish p : onTheWire("--tensor", raw.toString())) {
      InferenceRequest request = Json.fromBytes(p.getPayloadAsBytes(), InferenceRequest.class);
      assertEquals(correlation(p), request.id());
      ids.add(request.id());
      assertEquals(MODEL, request.model());
      assertEquals("energy", request.policy());
      assertEquals(InputEncoding.TENSOR, request.input().encoding());
      assertEquals(DType.FLOAT32, request.input().dtype());
      assertArrayEquals(SHAPE, request.input().shape().dims());
      assertArrayEquals(values, request.input().decodeData());
    }
    assertEquals(2, ids.stream().distinct().count(), ids.toString());
  }

  /**
   * Verifies that frames work with --count and --concurrency: every request is answered (the
   * summary, no timings asserted).
   */
  @Test
  void framesWithCountAndConcurrency() {
    CliRun r = request("--random-tensor", "--frame", "--count", "6", "--concurrency", "3");
    assertEquals(0, r.exit(), () -> r.out() + r.err());
    assertTrue(r.out().startsWith("requests 6, ok 6 "), r.out());
    assertTrue(r.out().contains("no reply 0"), r.out());
  }
}
