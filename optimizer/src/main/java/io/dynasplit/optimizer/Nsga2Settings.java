package io.dynasplit.optimizer;

/**
 * Tuning of {@link Nsga2Search}.
 *
 * @param populationSize individuals per generation, {@code >= 4}
 * @param mutationProbability probability that a gene (a knob) is mutated, in [0, 1]
 * @param stepProbability probability that a mutation steps to a neighbouring value rather than
 *     jumping to any other, in [0, 1]
 * @param crossoverProbability probability that a pair of individuals swaps knobs, in [0, 1]
 * @param offspringFraction the part of each generation made of offspring (the rest survive by rank
 *     and crowding), in (0, 1)
 * @param seedExtremes whether the first population starts from the space's corners (each knob at
 *     its first or last value), as many as fit, the rest random; else all random
 * @param stallGenerations stop after this many generations in a row that measured nothing new,
 *     {@code >= 1}
 * @param surrogateScreening whether each offspring is replaced, before it is measured, by the most
 *     promising new configuration at most two knobs away from it ({@link SurrogateScreen}); without
 *     it, plain NSGA-II
 */
public record Nsga2Settings(
    int populationSize,
    double mutationProbability,
    double stepProbability,
    double crossoverProbability,
    double offspringFraction,
    boolean seedExtremes,
    int stallGenerations,
    boolean surrogateScreening) {

  /**
   * The default population size: 16 individuals per generation, as many as the paper's space has
   * corners (four knobs that vary, each at its first or last value), so the first population
   * measures them all.
   */
  public static final int DEFAULT_POPULATION_SIZE = 16;

  /**
   * The settings the quality bar was measured with (docs/PERFORMANCE.md): 16 individuals, half of
   * them offspring each generation, crossover 0.3, no random mutation besides the {@link
   * NoveltyAlterer}'s (every offspring that repeats a measured configuration has knobs redrawn, one
   * at a time, until it is new), corners in the first population, surrogate screening on.
   */
  public static final Nsga2Settings DEFAULT =
      new Nsga2Settings(DEFAULT_POPULATION_SIZE, 0.0, 0.0, 0.3, 0.5, true, 200, true);

  /** Checks the figures. */
  public Nsga2Settings {
    if (populationSize < 4) {
      throw new IllegalArgumentException("populationSize must be >= 4: " + populationSize);
    }
    if (!(mutationProbability >= 0 && mutationProbability <= 1)) {
      throw new IllegalArgumentException(
          "mutationProbability must be in [0, 1]: " + mutationProbability);
    }
    if (!(stepProbability >= 0 && stepProbability <= 1)) {
      throw new IllegalArgumentException("stepProbability must be in [0, 1]: " + stepProbability);
    }
    if (!(crossoverProbability >= 0 && crossoverProbability <= 1)) {
      throw new IllegalArgumentException(
          "crossoverProbability must be in [0, 1]: " + crossoverProbability);
    }
    if (!(offspringFraction > 0 && offspringFraction < 1)) {
      throw new IllegalArgumentException(
          "offspringFraction must be in (0, 1): " + offspringFraction);
    }
    if (stallGenerations < 1) {
      throw new IllegalArgumentException("stallGenerations must be >= 1: " + stallGenerations);
    }
  }

  /** A copy with another population size. */
  public Nsga2Settings withPopulationSize(int n) {
    return new Nsga2Settings(
        n,
        mutationProbability,
        stepProbability,
        crossoverProbability,
        offspringFraction,
        seedExtremes,
        stallGenerations,
        surrogateScreening);
  }

  /** A copy with surrogate screening on or off. */
  public Nsga2Settings withSurrogateScreening(boolean on) {
    return new Nsga2Settings(
        populationSize,
        mutationProbability,
        stepProbability,
        crossoverProbability,
        offspringFraction,
        seedExtremes,
        stallGenerations,
        on);
  }
}
