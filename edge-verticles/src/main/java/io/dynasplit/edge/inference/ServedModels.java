package io.dynasplit.edge.inference;

import com.fasterxml.jackson.databind.JsonNode;
import io.dynasplit.models.runtime.PartSource;
import io.dynasplit.schemas.RequestInput;
import io.dynasplit.schemas.Tensor;
import java.util.List;

/**
 * The models an edge serves: their split candidates, the bytes of their parts, and how a request's
 * input becomes model inputs and model outputs become a reply's {@code output}.
 */
public interface ServedModels {

  /** The ids of the served models. */
  List<String> ids();

  /** Whether a model is served. */
  default boolean serves(String model) {
    return ids().contains(model);
  }

  /** The candidate split indices of a model, from 0 (all cloud) to {@link #allEdgeSplit}. */
  List<Integer> candidates(String model);

  /** The split index that runs the whole model on the edge. */
  int allEdgeSplit(String model);

  /** Where the ONNX bytes of whole models, heads and tails come from. */
  PartSource parts();

  /**
   * Turns a request's input into the model's inputs.
   *
   * @return the inputs and what post-processing needs to know about them (an image's size)
   * @throws IllegalArgumentException with a message naming what is wrong (bad base64, an image that
   *     does not decode, a tensor of the wrong type or shape)
   * @implNote decodes and resizes images: call from a worker thread
   */
  Prepared prepare(String model, RequestInput input);

  /**
   * Checks tensors given directly (a tensor frame request) against the model's inputs.
   *
   * @throws IllegalArgumentException naming the tensor that does not fit
   */
  Prepared prepareTensors(String model, List<Tensor> tensors);

  /**
   * Turns the model's outputs into a reply's {@code output} (labels, boxes, an embedding).
   *
   * @implNote may cost milliseconds (box extraction): call from a worker thread
   */
  JsonNode finish(String model, List<Tensor> outputs, Object context);

  /**
   * Model inputs ready to run.
   *
   * @param inputs one tensor per model input, in the model's order
   * @param context what post-processing needs to know (an image's original size), or null
   */
  record Prepared(List<Tensor> inputs, Object context) {
    /** Checks the values. */
    public Prepared {
      java.util.Objects.requireNonNull(inputs, "inputs");
    }
  }
}
