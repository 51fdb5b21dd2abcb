package io.dynasplit.edge.ingress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import io.dynasplit.broker.EmbeddedBroker;
import io.dynasplit.schemas.Codec;
import io.dynasplit.schemas.DType;
import io.dynasplit.schemas.ErrorCode;
import io.dynasplit.schemas.ErrorReply;
import io.dynasplit.schemas.FrameCodec;
import io.dynasplit.schemas.InferenceReply;
import io.dynasplit.schemas.InferenceRequest;
import io.dynasplit.schemas.Json;
import io.dynasplit.schemas.Reply;
import io.dynasplit.schemas.RequestHeader;
import io.dynasplit.schemas.RequestInput;
import io.dynasplit.schemas.Shape;
import io.dynasplit.schemas.Tensor;
import io.dynasplit.schemas.Topics;
import io.dynasplit.testsupport.EmbeddedBrokerExtension;
import io.vertx.core.Vertx;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Untrusted payloads: each malformed request gets the right error reply and the edge keeps serving.
 */
@ExtendWith(EmbeddedBrokerExtension.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MalformedRequestTest {

  private static final String EDGE = "malformed-edge";
  private static final String TOPIC = Topics.DEFAULT.edgeRequests(EDGE);
  private static Vertx vertx;
  private static EdgeFixture.Requester requester;

  @BeforeAll
  static void start(EmbeddedBroker broker) throws Exception {
    vertx = EdgeFixture.vertx();
    vertx
        .deployVerticle(EdgeFixture.classifierEdge(broker.host(), broker.port(), EDGE))
        .await(60, TimeUnit.SECONDS);
    requester = new EdgeFixture.Requester(broker.host(), broker.port());
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

  @AfterEach
  void stillServes() throws Exception {
    // whatever came before, a valid request still gets an ok reply
    byte[] zeros = new byte[3 * 48 * 192 * 4];
    InferenceRequest ok =
        InferenceRequest.of(
            "after",
            "ppocr-cls",
            10_000,
            RequestInput.tensor(DType.FLOAT32, Shape.of(1, 3, 48, 192), zeros));
    requester.send(TOPIC, Json.toBytes(ok));
    Reply reply = requester.next();
    assertInstanceOf(
        InferenceReply.class, reply, () -> new String(Json.toBytes(reply), StandardCharsets.UTF_8));
  }

  private static ErrorReply errorFor(byte[] payload) throws Exception {
    requester.send(TOPIC, payload);
    Reply reply = requester.next();
    return assertInstanceOf(
        ErrorReply.class, reply, () -> new String(Json.toBytes(reply), StandardCharsets.UTF_8));
  }

  /** Verifies that a payload that is not JSON gets BAD_REQUEST under the unknown id. */
  @Test
  void notJsonIsABadRequest() throws Exception {
    ErrorReply e = errorFor("this is not json".getBytes(StandardCharsets.UTF_8));
    assertEquals(ErrorCode.BAD_REQUEST, e.code());
    assertEquals(ErrorReply.UNKNOWN_ID, e.id());
    assertFalse(e.error().message().isBlank());
  }

  /** Verifies that an image that is not base64 gets BAD_REQUEST naming the base64. */
  @Test
  void badBase64IsABadRequest() throws Exception {
    String json =
        "{\"id\":\"m-b64\",\"model\":\"ppocr-cls\",\"slaMs\":1000,"
            + "\"input\":{\"encoding\":\"image/png\",\"data\":\"@@not base64@@\"}}";
    ErrorReply e = errorFor(json.getBytes(StandardCharsets.UTF_8));
    assertEquals(ErrorCode.BAD_REQUEST, e.code());
    assertEquals("m-b64", e.id());
    assertTrue(e.error().message().contains("base64"), e.error().message());
  }

  /** Verifies that a tensor of the wrong shape gets BAD_REQUEST naming the shape. */
  @Test
  void wrongShapeIsABadRequest() throws Exception {
    InferenceRequest r =
        InferenceRequest.of(
            "m-shape",
            "ppocr-cls",
            1000,
            RequestInput.tensor(DType.FLOAT32, Shape.of(1, 3, 10, 10), new byte[3 * 10 * 10 * 4]));
    ErrorReply e = errorFor(Json.toBytes(r));
    assertEquals(ErrorCode.BAD_REQUEST, e.code());
    assertEquals("m-shape", e.id());
  }

  /** Verifies that a model the edge does not serve gets UNKNOWN_MODEL naming the model. */
  @Test
  void unknownModelIsUnknownModel() throws Exception {
    InferenceRequest r =
        InferenceRequest.of(
            "m-model",
            "no-such-model",
            1000,
            RequestInput.tensor(
                DType.FLOAT32, Shape.of(1, 3, 48, 192), new byte[3 * 48 * 192 * 4]));
    ErrorReply e = errorFor(Json.toBytes(r));
    assertEquals(ErrorCode.UNKNOWN_MODEL, e.code());
    assertTrue(e.error().message().contains("no-such-model"), e.error().message());
  }

  /**
   * Verifies that a tensor frame whose lengths claim more bytes than it carries gets BAD_REQUEST.
   */
  @Test
  void frameWithLyingLengthsIsABadRequest() throws Exception {
    Tensor x =
        Tensor.of(
            "x", DType.FLOAT32, Shape.of(1, 3, 48, 192), ByteBuffer.allocate(3 * 48 * 192 * 4));
    ByteBuffer frame =
        FrameCodec.encode(RequestHeader.of("m-frame", "ppocr-cls", 1000), List.of(x));
    byte[] truncated = new byte[frame.remaining() - 4096];
    frame.duplicate().get(truncated);
    ErrorReply e = errorFor(truncated);
    assertEquals(ErrorCode.BAD_REQUEST, e.code());
    assertFalse(e.error().message().isBlank());
  }

  /**
   * Verifies that compressed request frames are bounded and checked: 16 MiB of zeros in a small
   * fp32+zstd frame is more than a request's input may decompress to, and an fp32+lz4 frame with a
   * corrupted block fails its checksum; both get BAD_REQUEST with the reason.
   */
  @Test
  void compressedFramesAreBoundedAndChecked() throws Exception {
    Tensor big =
        Tensor.of("x", DType.FLOAT32, Shape.of(1, 4, 1024, 1024), ByteBuffer.allocate(16 << 20));
    ByteBuffer bomb =
        FrameCodec.encode(
            RequestHeader.of("m-bomb", "ppocr-cls", 1000), List.of(big), Codec.FP32_ZSTD);
    byte[] small = new byte[bomb.remaining()];
    bomb.duplicate().get(small);
    assertTrue(small.length < 64 * 1024, "the frame is small: " + small.length);
    ErrorReply e = errorFor(small);
    assertEquals(ErrorCode.BAD_REQUEST, e.code());
    assertTrue(
        e.error().message().contains("would decompress the frame's tensors to more than 12582912"),
        e.error().message());

    float[] pattern = new float[3 * 48 * 192];
    for (int i = 0; i < pattern.length; i++) {
      pattern[i] = (i % 13) / 13f; // compressible, but not all zeros
    }
    Tensor x = Tensor.ofFloats("x", Shape.of(1, 3, 48, 192), pattern);
    ByteBuffer frame =
        FrameCodec.encode(
            RequestHeader.of("m-corrupt", "ppocr-cls", 1000), List.of(x), Codec.FP32_LZ4);
    byte[] corrupt = new byte[frame.remaining()];
    frame.duplicate().get(corrupt);
    int data = 8 + frame.getInt(4);
    assertTrue(corrupt.length - data < pattern.length * 4 / 2, "compressed");
    corrupt[data + 40] ^= 0x01; // a literal: other values, caught by the checksum
    ErrorReply c = errorFor(corrupt);
    assertEquals(ErrorCode.BAD_REQUEST, c.code());
    assertTrue(c.error().message().contains("tensors[0]"), c.error().message());
    assertEquals("m-corrupt", c.id()); // the header alone is read for the reply: its id
  }

  /** Verifies that 10 MB of random bytes get BAD_REQUEST. */
  @Test
  void tenMegabytesOfGarbageIsABadRequest() throws Exception {
    byte[] garbage = new byte[10 << 20];
    new Random(42).nextBytes(garbage);
    garbage[0] = 'x';
    ErrorReply e = errorFor(garbage);
    assertEquals(ErrorCode.BAD_REQUEST, e.code());
  }

  /**
   * Verifies that a request whose replyTo is the edge's own request topic gets one BAD_REQUEST on
   * its default reply topic (the edge neither publishes there nor reads its reply back as a
   * request).
   */
  @Test
  void replyToTheRequestTopicIsABadRequest() throws Exception {
    String replies = Topics.DEFAULT.edgeReply(EDGE, "m-self");
    requester
        .client
        .subscribeWith()
        .topicFilter(replies)
        .qos(MqttQos.AT_LEAST_ONCE)
        .send()
        .get(10, TimeUnit.SECONDS);
    InferenceRequest r =
        InferenceRequest.of(
                "m-self",
                "ppocr-cls",
                10_000,
                RequestInput.tensor(
                    DType.FLOAT32, Shape.of(1, 3, 48, 192), new byte[3 * 48 * 192 * 4]))
            .withReplyTo(TOPIC);
    requester
        .client
        .publishWith()
        .topic(TOPIC)
        .qos(MqttQos.AT_LEAST_ONCE)
        .payload(Json.toBytes(r))
        .send()
        .get(10, TimeUnit.SECONDS);
    Reply reply = requester.next();
    ErrorReply e =
        assertInstanceOf(
            ErrorReply.class, reply, () -> new String(Json.toBytes(reply), StandardCharsets.UTF_8));
    assertEquals(ErrorCode.BAD_REQUEST, e.code());
    assertEquals("m-self", e.id());
    assertTrue(e.error().message().contains("replyTo"), e.error().message());
    requester.client.unsubscribeWith().topicFilter(replies).send().get(10, TimeUnit.SECONDS);
  }

  /**
   * Verifies that requests whose id is a lone UTF-16 surrogate, or whose replyTo is 70,000
   * characters, sent without a response topic, each get one BAD_REQUEST on a default reply topic
   * and give their admission slot back: more of them than the edge admits at once, and the edge
   * still serves (the MQTT client refuses such topics; that must not escape the reply).
   */
  @Test
  void poisonIdsAndTopicsDoNotStallTheEdge() throws Exception {
    String unknown = Topics.DEFAULT.edgeReply(EDGE, ErrorReply.UNKNOWN_ID);
    String longReply = Topics.DEFAULT.edgeReply(EDGE, "m-long");
    for (String t : List.of(unknown, longReply)) {
      requester
          .client
          .subscribeWith()
          .topicFilter(t)
          .qos(MqttQos.AT_LEAST_ONCE)
          .send()
          .get(10, TimeUnit.SECONDS);
    }
    String input = "\"input\":{\"encoding\":\"image/png\",\"data\":\"AAAA\"}";
    String surrogate = "{\"id\":\"\\ud800\",\"model\":\"ppocr-cls\",\"slaMs\":1000," + input + "}";
    String longReplyTo =
        "{\"id\":\"m-long\",\"model\":\"ppocr-cls\",\"slaMs\":1000,\"replyTo\":\""
            + "r".repeat(70_000)
            + "\","
            + input
            + "}";
    int each = 40; // 80 in all: more than the 64 the edge admits at once
    for (int i = 0; i < each; i++) {
      publishWithoutResponseTopic(surrogate);
      publishWithoutResponseTopic(longReplyTo);
    }
    for (int i = 0; i < 2 * each; i++) {
      Reply reply = requester.next();
      ErrorReply e =
          assertInstanceOf(
              ErrorReply.class,
              reply,
              () -> new String(Json.toBytes(reply), StandardCharsets.UTF_8));
      assertEquals(ErrorCode.BAD_REQUEST, e.code(), e.error().message());
      assertTrue(
          e.id().equals(ErrorReply.UNKNOWN_ID) || e.id().equals("m-long"), "reply for " + e.id());
    }
    for (String t : List.of(unknown, longReply)) {
      requester.client.unsubscribeWith().topicFilter(t).send().get(10, TimeUnit.SECONDS);
    }
  }

  private static void publishWithoutResponseTopic(String json) throws Exception {
    requester
        .client
        .publishWith()
        .topic(TOPIC)
        .qos(MqttQos.AT_LEAST_ONCE)
        .payload(json.getBytes(StandardCharsets.UTF_8))
        .send()
        .get(10, TimeUnit.SECONDS);
  }
}
