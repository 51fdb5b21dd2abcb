package io.dynasplit.optimizer;

import io.dynasplit.schemas.Configuration;
import io.dynasplit.schemas.FrontEntry;
import java.util.Optional;

/**
 * Measures one configuration: on the hardware (the live profiler) or from recorded measurements
 * ({@link PoolEvaluator}).
 *
 * @implNote may block for as long as a measurement takes; call from a worker thread.
 */
@FunctionalInterface
public interface ConfigurationEvaluator {

  /**
   * The figures of a configuration, or empty when it cannot be measured (a pool without a run of
   * it; a configuration the hardware refuses).
   *
   * @throws java.io.UncheckedIOException or another runtime exception if measuring fails for a
   *     reason that should stop the search
   */
  Optional<FrontEntry> evaluate(Configuration configuration);
}
