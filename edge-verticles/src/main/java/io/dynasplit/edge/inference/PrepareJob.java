package io.dynasplit.edge.inference;

import io.dynasplit.schemas.RequestInput;
import io.dynasplit.schemas.Tensor;
import java.util.List;
import java.util.Objects;

/**
 * Pre-processing work for the {@link HeadInferenceVerticle}: a request's input (a JSON envelope's
 * {@code input}, or the tensors of a tensor frame) to model inputs.
 *
 * @param model the model
 * @param input the JSON envelope's input, or null for a frame
 * @param tensors the frame's tensors, or null for a JSON envelope
 * @param stopNanos when the request is given up, {@link System#nanoTime()} scale
 */
public record PrepareJob(String model, RequestInput input, List<Tensor> tensors, long stopNanos)
    implements EdgeJob {

  /** Checks that exactly one form of input is given. */
  public PrepareJob {
    Objects.requireNonNull(model, "model");
    if ((input == null) == (tensors == null)) {
      throw new IllegalArgumentException("exactly one of input and tensors must be given");
    }
  }
}
