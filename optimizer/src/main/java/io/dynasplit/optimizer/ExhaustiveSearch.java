package io.dynasplit.optimizer;

import io.dynasplit.scheduler.ConfigurationSpace;
import io.dynasplit.schemas.Configuration;
import java.util.List;
import java.util.Objects;

/**
 * Exhaustive search: every valid configuration of the space in its order, as far as the budget
 * allows (give it the space's size). For small spaces, and as the reference other searches are
 * measured against.
 */
public record ExhaustiveSearch(ConfigurationSpace space) implements Search {

  /** Checks the space. */
  public ExhaustiveSearch {
    Objects.requireNonNull(space, "space");
  }

  @Override
  public SearchStats run(EvaluationCache cache) {
    for (Configuration c : space.configurations()) {
      if (cache.lookup(c).isEmpty()) {
        break;
      }
    }
    return new SearchStats("exhaustive", 0, 0, List.of());
  }
}
