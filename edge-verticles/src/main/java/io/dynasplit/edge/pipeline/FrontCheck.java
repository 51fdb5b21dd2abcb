package io.dynasplit.edge.pipeline;

import io.dynasplit.edge.inference.ServedModels;
import io.dynasplit.schemas.FrontEntry;
import io.dynasplit.schemas.ParetoFront;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Checks a Pareto front against what the edge serves before the scheduler loads it: the model must
 * be served, and every entry's split must be one of the model's candidate splits.
 */
public final class FrontCheck {

  private FrontCheck() {}

  /**
   * Why the edge cannot schedule from a front, or empty when it can.
   *
   * @param models what the edge serves
   * @param front the front
   */
  public static Optional<String> problem(ServedModels models, ParetoFront front) {
    Objects.requireNonNull(models, "models");
    Objects.requireNonNull(front, "front");
    if (!models.serves(front.model())) {
      return Optional.of(
          "the edge does not serve model " + front.model() + "; it serves " + models.ids());
    }
    if (front.entries().isEmpty()) {
      return Optional.of("the front has no entries");
    }
    List<Integer> candidates = models.candidates(front.model());
    for (FrontEntry e : front.entries()) {
      int split = e.config().split();
      if (!candidates.contains(split)) {
        return Optional.of(
            "split " + split + " is not a candidate split of " + front.model() + " " + candidates);
      }
    }
    return Optional.empty();
  }
}
