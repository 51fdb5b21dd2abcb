package io.dynasplit.models.catalog;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One model of the catalog: its id, where it comes from, whether its weights are synthetic, its
 * inputs, and how inputs and outputs are processed.
 *
 * @param id the catalog id ({@code ppocr-det}), lower case letters, digits and dashes
 * @param description one line for humans
 * @param source where the ONNX bytes come from
 * @param synthetic whether the weights are seeded random numbers rather than trained ones; every
 *     generated model is synthetic
 * @param inputs the model inputs, in the model's order
 * @param preProcessing how a request's input becomes {@code inputs}
 * @param postProcessing how the outputs become the reply's {@code output}
 */
public record CatalogEntry(
    String id,
    String description,
    ModelSource source,
    boolean synthetic,
    List<TensorSpec> inputs,
    PreProcessing preProcessing,
    PostProcessing postProcessing) {

  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]*");

  /** Checks the values. */
  public CatalogEntry {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(inputs, "inputs");
    Objects.requireNonNull(preProcessing, "preProcessing");
    Objects.requireNonNull(postProcessing, "postProcessing");
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException(
          "id must be lower case letters, digits and dashes: '" + id + "'");
    }
    if (source instanceof ModelSource.Generated && !synthetic) {
      throw new IllegalArgumentException("generated model " + id + " must be marked synthetic");
    }
    inputs = List.copyOf(inputs);
    if (inputs.isEmpty()) {
      throw new IllegalArgumentException("inputs of " + id + " must not be empty");
    }
  }

  /** The first (for most models the only) input. */
  public TensorSpec input() {
    return inputs.get(0);
  }

  /** {@code synthetic} or {@code trained}, the word every listing shows. */
  public String weights() {
    return synthetic ? "synthetic" : "trained";
  }

  /** A copy with another source. */
  public CatalogEntry withSource(ModelSource newSource) {
    return new CatalogEntry(
        id, description, newSource, synthetic, inputs, preProcessing, postProcessing);
  }
}
