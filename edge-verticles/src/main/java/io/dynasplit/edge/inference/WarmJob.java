package io.dynasplit.edge.inference;

import java.util.List;
import java.util.Objects;

/**
 * Loads and warms up the sessions a front may need before requests need them: the head of every
 * split and its tail (the fallback when the cloud does not answer).
 *
 * @param model the model
 * @param splits split indices strictly between 0 and the all-edge index
 * @param provider the execution provider of the sessions
 * @param threads intra-op threads of the sessions
 */
public record WarmJob(String model, List<Integer> splits, String provider, int threads) {

  /** Checks the values. */
  public WarmJob {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(provider, "provider");
    splits = List.copyOf(splits);
  }
}
