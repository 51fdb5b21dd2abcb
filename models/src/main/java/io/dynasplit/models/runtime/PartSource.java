package io.dynasplit.models.runtime;

/**
 * Where the bytes of a model part come from: the catalog for whole models, the splitter for heads
 * and tails.
 */
@FunctionalInterface
public interface PartSource {

  /**
   * The ONNX bytes of one part of a model.
   *
   * @throws InferenceException {@code MODEL_UNAVAILABLE} when the model or split does not exist
   * @implNote may block (reads resources, cuts graphs): call from a worker thread
   */
  byte[] bytes(String model, int split, Part part);
}
