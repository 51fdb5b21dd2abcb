package io.dynasplit.models.zoo;

/** How the generator fills one weight tensor from the seeded random source. */
public sealed interface WeightInit {

  /**
   * Normal values with mean 0.
   *
   * @param std the standard deviation
   */
  record Normal(double std) implements WeightInit {
    /** Checks the values. */
    public Normal {
      if (!(std > 0)) {
        throw new IllegalArgumentException("std must be > 0: " + std);
      }
    }
  }

  /**
   * Uniform values in {@code [low, high)}.
   *
   * @param low the least value
   * @param high the bound
   */
  record Uniform(double low, double high) implements WeightInit {
    /** Checks the values. */
    public Uniform {
      if (!(high > low)) {
        throw new IllegalArgumentException("high must be > low: " + low + ", " + high);
      }
    }
  }

  /**
   * Every value the same.
   *
   * @param value the value
   */
  record Constant(double value) implements WeightInit {}

  /** He initialization for a layer with {@code fanIn} inputs per output, for ReLU networks. */
  static WeightInit he(long fanIn) {
    return new Normal(Math.sqrt(2.0 / fanIn));
  }

  /** LeCun initialization for a linear layer with {@code fanIn} inputs per output. */
  static WeightInit lecun(long fanIn) {
    return new Normal(Math.sqrt(1.0 / fanIn));
  }
}
