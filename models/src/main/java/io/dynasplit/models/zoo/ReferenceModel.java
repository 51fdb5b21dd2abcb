package io.dynasplit.models.zoo;

/**
 * A reference architecture the project can generate: its graph plan (weights described, not filled)
 * and the published parameter count it reproduces.
 */
public interface ReferenceModel {

  /** The catalog id, e.g. {@code resnet50}. */
  String id();

  /** The architecture and where it was published, for humans. */
  String architecture();

  /**
   * The parameter count of the published architecture (torchvision's count for the paper's models).
   */
  long publishedParameters();

  /** The input shape, NCHW. */
  long[] inputShape();

  /** Builds the graph plan: nodes and weight shapes, no weight values. Cheap. */
  GraphPlan plan();
}
