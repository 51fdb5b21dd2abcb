package io.dynasplit.edge.ingress;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.dynasplit.schemas.Frame;
import io.dynasplit.schemas.FrameCodec;
import io.dynasplit.schemas.InferenceRequest;
import io.dynasplit.schemas.Json;
import io.dynasplit.schemas.RequestHeader;
import io.dynasplit.schemas.WireLimits;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Reads an inference request from an MQTT payload: a tensor frame (it starts with {@code DSF1})
 * with a {@link RequestHeader}, or a JSON envelope ({@link InferenceRequest}).
 *
 * @implNote parsing costs time linear in the payload (up to {@link WireLimits#MAX_JSON_BYTES}):
 *     call {@link #decode} from a worker thread. {@link #peek} stops at the first bad token and
 *     skips the input, so it is cheap enough for an event loop.
 */
public final class RequestDecoder {

  /** What could be read of a request that will not be decoded in full. */
  public record Peek(String id, String model, String replyTo) {}

  private static final JsonFactory FACTORY = Json.mapper().getFactory();

  private RequestDecoder() {}

  /**
   * Decodes a payload.
   *
   * @throws IllegalArgumentException naming what is wrong: too large, not JSON, a field out of
   *     range, a frame whose lengths do not add up
   */
  public static DecodedRequest decode(byte[] payload) {
    if (payload.length == 0) {
      throw new IllegalArgumentException(
          "empty payload: expected a JSON request or a DSF1 tensor frame");
    }
    if (payload.length > WireLimits.MAX_JSON_BYTES) {
      throw new IllegalArgumentException(
          "payload of "
              + payload.length
              + " bytes is larger than the limit of "
              + WireLimits.MAX_JSON_BYTES);
    }
    ByteBuffer buffer = ByteBuffer.wrap(payload);
    if (FrameCodec.isFrame(buffer)) {
      // compressed input tensors may not decompress to more than an uncompressed input may carry
      Frame frame = FrameCodec.decode(buffer, WireLimits.MAX_INPUT_BYTES);
      RequestHeader header = frame.metadata(RequestHeader.class);
      if (frame.tensors().isEmpty()) {
        throw new IllegalArgumentException("tensor frame request carries no tensors");
      }
      return new DecodedRequest(header, null, frame.tensors());
    }
    InferenceRequest r = Json.fromBytes(payload, InferenceRequest.class);
    RequestHeader header =
        new RequestHeader(
            r.id(), r.model(), r.slaMs(), r.replyTo(), r.policy(), r.failIfInfeasible());
    return new DecodedRequest(header, r.input(), null);
  }

  /**
   * Reads the id, model and {@code replyTo} of a payload as far as they can be read, for the error
   * reply of a request that is refused or does not decode. Missing values are null.
   */
  public static Peek peek(byte[] payload) {
    ByteBuffer buffer = ByteBuffer.wrap(payload);
    if (FrameCodec.isFrame(buffer)) {
      try {
        var header = FrameCodec.decodeHeader(buffer);
        return new Peek(
            text(header.get("id")), text(header.get("model")), text(header.get("replyTo")));
      } catch (IllegalArgumentException e) {
        return new Peek(null, null, null);
      }
    }
    String id = null;
    String model = null;
    String replyTo = null;
    try (JsonParser p = FACTORY.createParser(payload)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return new Peek(null, null, null);
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if (value == JsonToken.VALUE_STRING) {
          switch (field) {
            case "id" -> id = p.getText();
            case "model" -> model = p.getText();
            case "replyTo" -> replyTo = p.getText();
            default -> {}
          }
        } else {
          p.skipChildren();
        }
      }
    } catch (IOException | RuntimeException e) {
      // keep what was read before the bad token
    }
    return new Peek(id, model, replyTo);
  }

  private static String text(com.fasterxml.jackson.databind.JsonNode n) {
    return n != null && n.isTextual() ? n.asText() : null;
  }
}
