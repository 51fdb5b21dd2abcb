package io.dynasplit.edge.inference;

import io.dynasplit.schemas.Tensor;
import java.util.List;
import java.util.Objects;

/**
 * Post-processing work for the {@link HeadInferenceVerticle}: model outputs to a reply's output.
 *
 * @param model the model
 * @param outputs the model's outputs
 * @param context what {@link ServedModels#prepare} returned for post-processing, or null
 * @param stopNanos when the request is given up, {@link System#nanoTime()} scale
 */
public record FinishJob(String model, List<Tensor> outputs, Object context, long stopNanos)
    implements EdgeJob {

  /** Checks the values. */
  public FinishJob {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(outputs, "outputs");
  }
}
