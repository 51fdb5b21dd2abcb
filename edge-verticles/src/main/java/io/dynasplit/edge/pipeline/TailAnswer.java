package io.dynasplit.edge.pipeline;

import io.dynasplit.schemas.TailResult;
import io.dynasplit.schemas.Tensor;
import java.util.List;
import java.util.Objects;

/**
 * The cloud's answer to a {@link TailCall}.
 *
 * @param result the cloud's result header: status, worker, timing, energy or error
 * @param outputs the tail's output tensors (empty when the result is an error)
 * @param roundTripMs from publishing the frame to receiving the answer, on the edge's clock
 */
public record TailAnswer(TailResult result, List<Tensor> outputs, double roundTripMs) {

  /** Checks the values and freezes the map. */
  public TailAnswer {
    Objects.requireNonNull(result, "result");
    outputs = List.copyOf(Objects.requireNonNull(outputs, "outputs"));
  }
}
