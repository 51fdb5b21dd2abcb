package io.dynasplit.models.graph;

import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of checking one split: the largest absolute difference between the model's outputs
 * and those of its head followed by its tail, or the error that stopped the check.
 *
 * @param point the split checked
 * @param maxAbsDiff largest absolute difference over all outputs, NaN when the check failed
 * @param tolerance the largest difference that passes
 * @param error why the check could not compare outputs, when it could not
 */
public record SplitCheck(
    SplitPoint point, double maxAbsDiff, double tolerance, Optional<String> error) {

  /** Checks the fields. */
  public SplitCheck {
    Objects.requireNonNull(point, "point");
    Objects.requireNonNull(error, "error");
    if (!(tolerance >= 0)) {
      throw new IllegalArgumentException("tolerance must be >= 0: " + tolerance);
    }
    if (error.isEmpty() && !(maxAbsDiff >= 0)) {
      throw new IllegalArgumentException("maxAbsDiff must be >= 0 without an error: " + maxAbsDiff);
    }
  }

  /** Whether head and tail reproduce the model within the tolerance. */
  public boolean passed() {
    return error.isEmpty() && maxAbsDiff <= tolerance;
  }
}
