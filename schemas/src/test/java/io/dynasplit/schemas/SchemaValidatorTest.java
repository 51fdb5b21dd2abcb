package io.dynasplit.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SchemaValidatorTest {

  private static final SchemaValidator VALIDATOR = SchemaValidator.shared();

  private static List<SchemaViolation> validate(MessageSchema schema, String json) {
    return VALIDATOR.validate(schema, json.getBytes(StandardCharsets.UTF_8));
  }

  private static void valid(MessageSchema schema, Object value) {
    List<SchemaViolation> v = VALIDATOR.validateValue(schema, value);
    assertTrue(
        v.isEmpty(),
        schema + " " + new String(Json.toBytes(value), StandardCharsets.UTF_8) + " -> " + v);
  }

  /** The JSON header of an encoded frame. */
  private static byte[] frameHeader(Object metadata, List<Tensor> tensors, Codec codec) {
    ByteBuffer frame = FrameCodec.encode(metadata, tensors, codec);
    byte[] h = new byte[frame.getInt(4)];
    frame.get(8, h);
    return h;
  }

  /**
   * Verifies that every message record, written by Json, validates against its schema and reads
   * back equal.
   */
  @Test
  void everyRecordMatchesItsSchema() {
    Map<MessageSchema, List<Object>> samples =
        Map.of(
            MessageSchema.REQUEST, List.of(Samples.imageRequest(), Samples.tensorRequest()),
            MessageSchema.REPLY, List.of(Samples.reply()),
            MessageSchema.ERROR_REPLY,
                List.of(
                    Samples.errorReply(),
                    ErrorReply.of(ErrorReply.UNKNOWN_ID, null, ErrorCode.BAD_REQUEST, "not JSON")),
            MessageSchema.EDGE_TELEMETRY,
                List.of(
                    Samples.edgeTelemetry(),
                    new EdgeTelemetry("e", 0, 0, 0, 0, 0, 0, 0, 0, null, null, null, null)),
            MessageSchema.CLOUD_TELEMETRY, List.of(Samples.cloudTelemetry()),
            MessageSchema.STATUS,
                List.of(
                    Samples.status(), NodeStatus.offline(NodeStatus.Role.CLOUD, "w-1", "0.1.0", 5)),
            MessageSchema.PARETO_FRONT, List.of(Samples.front()));
    for (var e : samples.entrySet()) {
      for (Object value : e.getValue()) {
        valid(e.getKey(), value);
        assertEquals(value, Json.fromBytes(Json.toBytes(value), value.getClass()));
      }
    }
  }

  /** Verifies that the headers the frame codec writes validate against the frame header schemas. */
  @Test
  void frameHeadersMatchTheirSchemas() {
    List<Tensor> tensors =
        List.of(
            Tensor.ofFloats("x", Shape.of(1, 4), new float[] {1, -2, 3, 0}),
            Tensor.ofLongs("mask", Shape.of(1, 2), new long[] {1, 0}));
    for (Codec codec : Codec.values()) {
      for (var pair :
          List.of(
              Map.entry(MessageSchema.TAIL_REQUEST_HEADER, (Object) Samples.tailHeader()),
              Map.entry(MessageSchema.TAIL_RESULT, Samples.tailResult()),
              Map.entry(
                  MessageSchema.REQUEST_FRAME_HEADER,
                  new RequestHeader("r-3", "m", 40, "a/b", "edge", true)))) {
        byte[] header = frameHeader(pair.getValue(), tensors, codec);
        List<SchemaViolation> v = VALIDATOR.validate(pair.getKey(), header);
        assertTrue(
            v.isEmpty(),
            pair.getKey()
                + " "
                + codec
                + " "
                + new String(header, StandardCharsets.UTF_8)
                + " -> "
                + v);
      }
    }
    assertTrue(
        VALIDATOR
            .validate(
                MessageSchema.TAIL_RESULT,
                frameHeader(Samples.tailFailure(), List.of(), Codec.FP32))
            .isEmpty());
  }

  /** Verifies that an out-of-range field is reported with its path and the reason. */
  @Test
  void outOfRangeFieldGivesPathAndReason() {
    List<SchemaViolation> v =
        validate(
            MessageSchema.REQUEST,
            "{\"id\":\"r\",\"model\":\"m\",\"slaMs\":-5,\"input\":{\"encoding\":\"image/png\",\"data\":\"AAAA\"}}");
    assertEquals(
        List.of("/slaMs"), v.stream().map(SchemaViolation::path).distinct().toList(), v.toString());
    assertEquals("-5 is less than 1 (#/properties/slaMs/$ref/minimum)", v.get(0).reason());
  }

  /** Verifies that a nested violation names the nested path. */
  @Test
  void nestedViolationNamesTheNestedPath() {
    List<SchemaViolation> v =
        validate(
            MessageSchema.REQUEST,
            "{\"id\":\"r\",\"model\":\"m\",\"slaMs\":5,\"input\":{\"encoding\":\"tensor\",\"dtype\":\"float32\",\"shape\":[1,-3],\"data\":\"AAAA\"}}");
    assertTrue(v.stream().anyMatch(x -> x.path().equals("/input/shape/1")), v.toString());
  }

  /** Verifies that a missing required field and a tensor input without a shape are reported. */
  @Test
  void missingFieldsAreReported() {
    List<SchemaViolation> v =
        validate(MessageSchema.REQUEST, "{\"id\":\"r\",\"model\":\"m\",\"slaMs\":5}");
    assertTrue(v.stream().anyMatch(x -> x.reason().contains("input")), v.toString());
    List<SchemaViolation> w =
        validate(
            MessageSchema.REQUEST,
            "{\"id\":\"r\",\"model\":\"m\",\"slaMs\":5,\"input\":{\"encoding\":\"tensor\",\"data\":\"AAAA\"}}");
    assertTrue(
        w.stream().anyMatch(x -> x.path().equals("/input") && x.reason().contains("shape")),
        w.toString());
  }

  /**
   * Verifies that wrong enum values, a wrong status constant and a wrong tail result combination
   * are refused.
   */
  @Test
  void enumsAndConstantsAreEnforced() {
    String reply = new String(Json.toBytes(Samples.reply()), StandardCharsets.UTF_8);
    assertTrue(
        validate(MessageSchema.REPLY, reply.replace("\"ina219\"", "\"ina999\"")).stream()
            .anyMatch(x -> x.path().equals("/energyJ/source")));
    assertTrue(
        validate(MessageSchema.REPLY, reply.replace("\"status\":\"ok\"", "\"status\":\"error\""))
            .stream()
            .anyMatch(x -> x.path().equals("/status")));
    assertFalse(
        validate(
                MessageSchema.TAIL_RESULT,
                "{\"id\":\"r\",\"status\":\"error\",\"workerId\":\"w\",\"tensors\":[]}")
            .isEmpty());
    assertFalse(
        validate(
                MessageSchema.ERROR_REPLY,
                "{\"id\":\"r\",\"status\":\"error\",\"error\":{\"code\":\"TEAPOT\",\"message\":\"x\"}}")
            .isEmpty());
  }

  /**
   * Verifies that bytes that are not JSON are one violation at the document, and requireValid
   * throws with every violation.
   */
  @Test
  void notJsonAndRequireValid() {
    List<SchemaViolation> v = validate(MessageSchema.STATUS, "{nope");
    assertEquals(1, v.size());
    assertEquals("", v.get(0).path());
    assertTrue(v.get(0).reason().startsWith("not valid JSON"), v.toString());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                VALIDATOR.requireValid(
                    MessageSchema.STATUS,
                    "{\"state\":\"maybe\"}".getBytes(StandardCharsets.UTF_8)));
    assertTrue(e.getMessage().startsWith("invalid status: "), e.getMessage());
    assertTrue(e.getMessage().contains("/state"), e.getMessage());
  }

  /** Prints what the validator says, so the messages can be read in the test log. */
  @Test
  void violationsReadWell() {
    List<SchemaViolation> v =
        validate(
            MessageSchema.REQUEST,
            "{\"id\":\"\",\"model\":7,\"slaMs\":5.5,\"input\":{\"encoding\":\"image/gif\",\"data\":\"\"}}");
    assertEquals(
        List.of("/id", "/model", "/slaMs", "/input/encoding", "/input/data"),
        v.stream().map(SchemaViolation::path).distinct().toList(),
        v.toString());
  }

  /** Verifies that every schema declares draft 2020-12 and its own id. */
  @Test
  void schemasDeclareDraftAndId() {
    for (MessageSchema s : MessageSchema.values()) {
      var json = SchemaValidator.schemaOf(s);
      assertEquals(
          "https://json-schema.org/draft/2020-12/schema", json.getString("$schema"), s.file());
      assertEquals(s.id(), json.getString("$id"), s.file());
    }
    assertEquals(
        MessageSchema.values().length,
        Arrays.stream(MessageSchema.values()).map(MessageSchema::file).distinct().count());
  }
}
