package io.dynasplit.edge.pipeline;

import io.dynasplit.scheduler.Policy;
import java.util.Objects;

/**
 * A request for a configuration.
 *
 * @param model the model
 * @param budgetMs the time left until the request's deadline, > 0
 * @param policy the request's policy, or null for the edge's default
 * @param failIfInfeasible whether the request would rather fail than run late
 * @param edgeQueue how many requests the edge has admitted and not finished
 */
public record ScheduleQuery(
    String model, double budgetMs, Policy policy, boolean failIfInfeasible, int edgeQueue) {

  /** Checks the values. */
  public ScheduleQuery {
    Objects.requireNonNull(model, "model");
    if (!(budgetMs > 0)) {
      throw new IllegalArgumentException("budgetMs must be > 0: " + budgetMs);
    }
    if (edgeQueue < 0) {
      throw new IllegalArgumentException("edgeQueue must be >= 0: " + edgeQueue);
    }
  }
}
