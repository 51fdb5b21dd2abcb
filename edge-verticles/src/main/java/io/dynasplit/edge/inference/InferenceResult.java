package io.dynasplit.edge.inference;

import io.dynasplit.schemas.Tensor;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;

/**
 * What an {@link InferenceJob} produced.
 *
 * @param outputs the stage's output tensors by name, in the model's order
 * @param computeMs time spent in ONNX Runtime
 * @param frame the encoded tensor frame for the cloud, or null when none was asked for
 * @param encodeMs time spent encoding the frame
 * @param startedNanos when a worker took the job, {@link System#nanoTime()} scale (the end of its
 *     wait in the worker queue)
 */
public record InferenceResult(
    List<Tensor> outputs, double computeMs, ByteBuffer frame, double encodeMs, long startedNanos) {

  /** Checks the values and freezes the map (keeping its order). */
  public InferenceResult {
    outputs = List.copyOf(Objects.requireNonNull(outputs, "outputs"));
  }
}
