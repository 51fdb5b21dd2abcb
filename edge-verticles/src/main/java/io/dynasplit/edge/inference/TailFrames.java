package io.dynasplit.edge.inference;

import io.dynasplit.schemas.Codec;
import io.dynasplit.schemas.Frame;
import io.dynasplit.schemas.FrameCodec;
import io.dynasplit.schemas.TailRequestHeader;
import io.dynasplit.schemas.TailResult;
import io.dynasplit.schemas.Tensor;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;

/**
 * The edge's side of the tail exchange: the intermediate tensors go out in a tensor frame under a
 * {@link TailRequestHeader}, encoded with the configuration's codec; the cloud's answer is a frame
 * with a {@link TailResult} header and the tail's outputs.
 */
public final class TailFrames {

  /**
   * A decoded cloud answer.
   *
   * @param result the cloud's result
   * @param outputs the tail's outputs; empty for an error
   */
  public record Answer(TailResult result, List<Tensor> outputs) {
    /** Checks the values. */
    public Answer {
      Objects.requireNonNull(result, "result");
      outputs = List.copyOf(outputs);
    }
  }

  private TailFrames() {}

  /** Encodes a tail request. */
  public static ByteBuffer encodeCall(TailRequestHeader header, List<Tensor> tensors, Codec codec) {
    return FrameCodec.encode(header, tensors, codec);
  }

  /**
   * Decodes a cloud answer.
   *
   * @throws IllegalArgumentException when it is not a valid frame with a tail result header
   */
  public static Answer decodeAnswer(ByteBuffer payload) {
    Frame frame = FrameCodec.decode(payload);
    return new Answer(frame.metadata(TailResult.class), frame.tensors());
  }
}
