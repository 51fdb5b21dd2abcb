package io.dynasplit.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessagesJsonTest {

  private static <T> void roundTrips(T value) {
    @SuppressWarnings("unchecked")
    Class<T> type = (Class<T>) value.getClass();
    assertEquals(
        value, Json.fromBytes(Json.toBytes(value), type), () -> new String(Json.toBytes(value)));
  }

  /** Verifies that every message record survives a JSON round trip unchanged. */
  @Test
  void everyMessageRoundTrips() {
    for (Object m :
        List.of(
            Samples.imageRequest(),
            Samples.tensorRequest(),
            Samples.reply(),
            Samples.errorReply(),
            Samples.tailHeader(),
            Samples.tailResult(),
            Samples.tailFailure(),
            Samples.edgeTelemetry(),
            Samples.cloudTelemetry(),
            Samples.status(),
            Samples.front(),
            RequestHeader.of("r-1", "m", 5))) {
      roundTrips(m);
    }
  }

  /** Verifies that the wire spells enums and optional fields as ARCHITECTURE 4.2 and 4.5 do. */
  @Test
  void wireNamesFollowTheArchitecture() {
    String reply = new String(Json.toBytes(Samples.reply()), StandardCharsets.UTF_8);
    assertTrue(reply.contains("\"status\":\"ok\""), reply);
    assertTrue(reply.contains("\"source\":\"ina219\""), reply);
    assertTrue(reply.contains("\"codec\":\"int8\""), reply);
    String error = new String(Json.toBytes(Samples.errorReply()), StandardCharsets.UTF_8);
    assertTrue(
        error.contains(
            "\"status\":\"error\",\"model\":\"nope\",\"error\":{\"code\":\"UNKNOWN_MODEL\""),
        error);
    String request = new String(Json.toBytes(Samples.tensorRequest()), StandardCharsets.UTF_8);
    assertTrue(
        request.contains("\"encoding\":\"tensor\",\"dtype\":\"float32\",\"shape\":[1,3,2,2]"),
        request);
    assertTrue(!request.contains("replyTo") && !request.contains("policy"), request);
  }

  /** Verifies that a reply of either kind is read back by its status. */
  @Test
  void replyIsReadByStatus() {
    assertInstanceOf(InferenceReply.class, Reply.fromJson(Json.toBytes(Samples.reply())));
    Reply e = Reply.fromJson(Json.toBytes(Samples.errorReply()));
    assertEquals(ErrorCode.UNKNOWN_MODEL, assertInstanceOf(ErrorReply.class, e).code());
  }

  /** Verifies that the envelope of ARCHITECTURE 4.2 as a sensor would type it is accepted. */
  @Test
  void architectureExampleRequestParses() {
    String json =
        "{\"id\":\"r-17\",\"model\":\"ppocr-det\",\"slaMs\":250,\"replyTo\":\"app/7/replies\","
            + "\"input\":{\"encoding\":\"tensor\",\"dtype\":\"float32\",\"shape\":[1,3,1,1],\"data\":\"AAAAAAAAAAAAAAAA\"}}";
    InferenceRequest r =
        Json.fromBytes(json.getBytes(StandardCharsets.UTF_8), InferenceRequest.class);
    assertEquals(12, r.input().decodeData().length);
    assertEquals(Shape.of(1, 3, 1, 1), r.input().shape());
  }

  /** Verifies that invalid values are refused with a message that names the value. */
  @Test
  void invalidValuesAreRefusedByName() {
    assertMessage(
        "slaMs must be in 1..86400000: -5",
        () -> InferenceRequest.of("r", "m", -5, Samples.imageRequest().input()));
    assertMessage(
        "id must be 1..256 characters: 0 characters",
        () -> InferenceRequest.of("", "m", 5, Samples.imageRequest().input()));
    assertMessage("shape rank must be <= 8: 9", () -> Shape.of(1, 1, 1, 1, 1, 1, 1, 1, 1));
    assertMessage("shape[1] must be >= 0: -3", () -> Shape.of(1, -3));
    assertMessage("has more than 2^63 elements", () -> Shape.of(1L << 40, 1L << 40));
    assertMessage(
        "input.data holds 3 bytes but shape [1, 2] of float32 needs 8",
        () -> RequestInput.tensor(DType.FLOAT32, Shape.of(1, 2), new byte[3]));
    assertMessage(
        "energyJ.edge must be a finite number >= 0: NaN",
        () -> EnergyReport.of(Double.NaN, 0, EnergySource.MODEL));
    assertMessage(
        "status of an error reply must be error: ok",
        () -> new ErrorReply("r", ReplyStatus.OK, null, ErrorInfo.of(ErrorCode.INTERNAL, "x")));
    assertMessage("energy source must be one of", () -> EnergySource.of("ina999"));
    String wildcard =
        "{\"id\":\"r\",\"model\":\"m\",\"slaMs\":5,\"input\":{\"encoding\":\"image/png\",\"data\":\"AAAA\"},"
            + "\"replyTo\":\"a/+/b\"}";
    assertMessage(
        "replyTo must be a non-empty topic without wildcards",
        () -> Json.fromBytes(wildcard.getBytes(StandardCharsets.UTF_8), InferenceRequest.class));
  }

  /** Verifies that an error message longer than the wire allows is cut, not refused. */
  @Test
  void longErrorMessagesAreCut() {
    ErrorInfo e = ErrorInfo.of(ErrorCode.INTERNAL, "x".repeat(10_000));
    assertEquals(WireLimits.MAX_TEXT_LENGTH, e.message().length());
  }

  private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable ex) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, ex);
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }
}
