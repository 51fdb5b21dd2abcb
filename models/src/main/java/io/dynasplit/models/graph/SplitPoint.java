package io.dynasplit.models.graph;

import java.util.List;
import java.util.Objects;

/**
 * A place to cut a model: after the first {@code index} compute nodes of its topological order.
 *
 * <p>Index 0 runs everything in the cloud (the head only passes the inputs on), index {@code
 * nodeCount} everything on the edge (the tail only passes the outputs on).
 *
 * @param index compute nodes in the head, {@code 0..nodeCount}
 * @param nodeCount compute nodes in the whole model
 * @param crossing the tensors the head hands to the tail, with their shapes on the analysis input
 * @param computeFraction share of the model's estimated compute in the head, in [0, 1]
 */
public record SplitPoint(
    int index, int nodeCount, List<TensorSpec> crossing, double computeFraction) {

  /** Checks the ranges and copies the list. */
  public SplitPoint {
    if (nodeCount < 1) {
      throw new IllegalArgumentException("nodeCount must be >= 1: " + nodeCount);
    }
    if (index < 0 || index > nodeCount) {
      throw new IllegalArgumentException("index must be in 0.." + nodeCount + ": " + index);
    }
    crossing = List.copyOf(Objects.requireNonNull(crossing, "crossing"));
    if (!(computeFraction >= 0 && computeFraction <= 1)) {
      throw new IllegalArgumentException("computeFraction must be in [0, 1]: " + computeFraction);
    }
  }

  /** Bytes sent from head to tail per inference, on the analysis input. */
  public long crossingBytes() {
    long sum = 0;
    for (TensorSpec t : crossing) {
      sum += t.bytes();
    }
    return sum;
  }

  /** Whether the head does nothing: the cloud runs the whole model. */
  public boolean allCloud() {
    return index == 0;
  }

  /** Whether the tail does nothing: the edge runs the whole model. */
  public boolean allEdge() {
    return index == nodeCount;
  }
}
