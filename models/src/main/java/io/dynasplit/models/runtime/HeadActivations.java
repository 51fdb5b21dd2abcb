package io.dynasplit.models.runtime;

import io.dynasplit.models.processing.ModelInput;
import io.dynasplit.models.processing.Preprocessor;
import io.dynasplit.schemas.Tensor;
import java.util.List;

/**
 * What a model's head sends at a split for one input: the tensors that cross the wire, computed by
 * pre-processing the input as the edge does and running the head once. For measuring and testing
 * the frame codec on real activations.
 */
public final class HeadActivations {

  private HeadActivations() {}

  /**
   * The head's outputs for an input.
   *
   * @param parts the models and their splits
   * @param model a catalog id
   * @param split a split index that sends tensors ({@code 0 < split < allEdge})
   * @param input what a request would bring
   * @throws IllegalArgumentException when the split sends nothing
   */
  public static List<Tensor> at(SplitParts parts, String model, int split, ModelInput input) {
    if (split <= 0 || split >= parts.allEdgeSplit(model)) {
      throw new IllegalArgumentException(
          "split " + split + " of " + model + " sends no tensor (all cloud or all edge)");
    }
    List<Tensor> feed =
        List.copyOf(
            new Preprocessor().prepare(parts.catalog().get(model), input).tensors().values());
    try (ModelSession head =
        ModelSession.load(
            new SessionKey(model, split, Part.HEAD, "cpu", 0),
            parts.bytes(model, split, Part.HEAD))) {
      return head.run(feed);
    }
  }
}
