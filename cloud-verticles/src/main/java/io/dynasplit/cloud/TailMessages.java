package io.dynasplit.cloud;

import com.fasterxml.jackson.databind.JsonNode;
import io.dynasplit.schemas.Codec;
import io.dynasplit.schemas.ErrorReply;
import io.dynasplit.schemas.Frame;
import io.dynasplit.schemas.FrameCodec;
import io.dynasplit.schemas.TailRequestHeader;
import io.dynasplit.schemas.TailResult;
import io.dynasplit.schemas.Tensor;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;

/**
 * The cloud's side of the tail exchange: a tail request is a tensor frame with a {@link
 * TailRequestHeader}; the answer is a tensor frame with a {@link TailResult} header and the tail's
 * outputs in the request's codec (the configuration's: fp32 exact, fp16 or int8 a half or a quarter
 * of the bytes back, e.g. the detector's 1.23 MB probability map), or no tensors when the result is
 * an error.
 */
final class TailMessages {

  /** A decoded tail request. */
  record Job(TailRequestHeader header, List<Tensor> tensors) {
    Job {
      Objects.requireNonNull(header, "header");
      tensors = List.copyOf(tensors);
    }
  }

  private TailMessages() {}

  /**
   * Decodes a tail request.
   *
   * @throws IllegalArgumentException when the frame or its header is invalid, with the reason
   */
  static Job decodeJob(byte[] payload) {
    Frame frame = FrameCodec.decode(ByteBuffer.wrap(payload));
    return new Job(frame.metadata(TailRequestHeader.class), frame.tensors());
  }

  /** The request id of a payload as far as it can be read, else {@link ErrorReply#UNKNOWN_ID}. */
  static String peekId(byte[] payload) {
    try {
      JsonNode id = FrameCodec.decodeHeader(ByteBuffer.wrap(payload)).get("id");
      return id != null && id.isTextual() && !id.asText().isEmpty()
          ? id.asText()
          : ErrorReply.UNKNOWN_ID;
    } catch (IllegalArgumentException e) {
      return ErrorReply.UNKNOWN_ID;
    }
  }

  /** Encodes a successful result with the tail's outputs in {@code codec}, the request's. */
  static ByteBuffer encodeResult(TailResult result, List<Tensor> outputs, Codec codec) {
    return FrameCodec.encode(result, outputs, codec);
  }

  /** Encodes an error result. */
  static ByteBuffer encodeError(TailResult result) {
    return FrameCodec.encode(result, List.of());
  }
}
