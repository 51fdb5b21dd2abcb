package io.dynasplit.optimizer;

import io.dynasplit.scheduler.ConfigurationSpace;
import io.dynasplit.schemas.Configuration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Random search: the valid configurations in a seeded random order (sampling without replacement),
 * evaluated until the budget is spent. The baseline NSGA-II must beat.
 */
public record RandomSearch(ConfigurationSpace space, long seed) implements Search {

  /** Checks the space. */
  public RandomSearch {
    Objects.requireNonNull(space, "space");
  }

  @Override
  public SearchStats run(EvaluationCache cache) {
    List<Configuration> order = new ArrayList<>(space.configurations());
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = order.size() - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      Configuration tmp = order.get(i);
      order.set(i, order.get(j));
      order.set(j, tmp);
    }
    for (Configuration c : order) {
      if (cache.lookup(c).isEmpty()) {
        break;
      }
    }
    return new SearchStats("random", 0, 0, List.of());
  }
}
