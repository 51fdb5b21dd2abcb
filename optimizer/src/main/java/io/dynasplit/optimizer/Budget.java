package io.dynasplit.optimizer;

import java.time.Duration;
import java.util.Objects;

/**
 * How much a search may spend: a number of evaluations (distinct configurations measured), and
 * optionally a wall-clock limit. Whichever runs out first ends the search.
 *
 * @param maxEvaluations the most distinct configurations to evaluate, {@code >= 1}
 * @param wallClock the longest the search may run, or null for no limit
 */
public record Budget(int maxEvaluations, Duration wallClock) {

  /** Checks the figures. */
  public Budget {
    if (maxEvaluations < 1) {
      throw new IllegalArgumentException("maxEvaluations must be >= 1: " + maxEvaluations);
    }
    if (wallClock != null && (wallClock.isNegative() || wallClock.isZero())) {
      throw new IllegalArgumentException("wallClock must be > 0: " + wallClock);
    }
  }

  /** A budget of a number of evaluations and no time limit. */
  public static Budget evaluations(int n) {
    return new Budget(n, null);
  }

  /**
   * A budget of a fraction of a space: {@code ceil(fraction * spaceSize)} evaluations (10% of 917
   * is 92).
   *
   * @param fraction in (0, 1]
   * @param spaceSize number of valid configurations
   */
  public static Budget fractionOf(double fraction, int spaceSize) {
    if (!(fraction > 0 && fraction <= 1)) {
      throw new IllegalArgumentException("fraction must be in (0, 1]: " + fraction);
    }
    if (spaceSize < 1) {
      throw new IllegalArgumentException("spaceSize must be >= 1: " + spaceSize);
    }
    // the small epsilon keeps 0.1 * 920 at 92 despite binary floating point
    return evaluations(Math.max(1, (int) Math.ceil(fraction * spaceSize - 1e-9)));
  }

  /** A copy with a wall-clock limit. */
  public Budget withWallClock(Duration limit) {
    return new Budget(maxEvaluations, Objects.requireNonNull(limit, "limit"));
  }
}
