package io.dynasplit.edge.inference;

import io.dynasplit.schemas.Codec;
import io.dynasplit.schemas.TailRequestHeader;
import io.dynasplit.schemas.Tensor;
import java.util.List;
import java.util.Objects;

/**
 * Work for the {@link HeadInferenceVerticle}.
 *
 * @param model the model
 * @param stage what to run
 * @param split the split index (for {@link Stage#HEAD}, {@link Stage#TAIL} and {@link Stage#PASS})
 * @param provider the execution provider of the session
 * @param threads intra-op threads of the session; 0 for the default
 * @param inputs the session's inputs
 * @param tailHeader when not null, the stage's outputs are encoded with {@code codec} into a tensor
 *     frame under this header, for the cloud
 * @param codec the encoding of the frame's tensors
 * @param stopNanos when the request is given up, {@link System#nanoTime()} scale
 */
public record InferenceJob(
    String model,
    Stage stage,
    int split,
    String provider,
    int threads,
    List<Tensor> inputs,
    TailRequestHeader tailHeader,
    Codec codec,
    long stopNanos)
    implements EdgeJob {

  /** What an inference job runs. */
  public enum Stage {
    /** The head of a split model. */
    HEAD,
    /** The whole model (all on the edge). */
    FULL,
    /** The tail of a split model, on the edge (the fallback when the cloud does not answer). */
    TAIL,
    /** Nothing: split 0 sends the model's inputs as they are (only encoding them). */
    PASS
  }

  /** Checks the values. */
  public InferenceJob {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(inputs, "inputs");
    if (split < 0) {
      throw new IllegalArgumentException("split must be >= 0: " + split);
    }
    if (tailHeader != null) {
      Objects.requireNonNull(codec, "codec (required with a tail header)");
    }
  }
}
