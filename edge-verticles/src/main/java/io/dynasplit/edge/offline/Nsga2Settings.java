package io.dynasplit.edge.offline;

/**
 * Tuning of {@link Nsga2Search}.
 *
 * @param populationSize individuals per generation, {@code >= 4}
 * @param mutationProbability probability that a gene (a knob) is mutated, in [0, 1]
 * @param stepProbability probability that a mutation steps to a neighbouring value rather than
 *     jumping to any other, in [0, 1]
 * @param crossoverProbability probability that a pair of individuals swaps knobs, in [0, 1]
 * @param offspringFraction the part of each generation made of offspring (the rest survive by
 *     rank and crowding), in (0, 1)
 * @param seedExtremes whether the first population starts from the space's corners (each knob at
 *     its first or last value), as many as fit, the rest random; else all random
 * @param stallGenerations stop after this many generations in a row that measured nothing new,
 *     {@code >= 1}
 */
public record Nsga2Settings(
    int populationSize,
    double mutationProbability,
    double stepProbability,
    double crossoverProbability,
    double offspringFraction,
    boolean seedExtremes,
    int stallGenerations) {

  /**
   * The settings the quality bar was measured with (docs/PERFORMANCE.md): 8 individuals, half of
   * them offspring each generation, crossover 0.3, no random mutation besides the {@link
   * NoveltyAlterer}'s (every offspring that repeats a measured configuration has knobs redrawn,
   * one at a time, until it is new), corners in the first population. Chosen over 50 seeds on the
   * VGG16 pool among population sizes 4 to 32, mutation 0 to 0.35, crossover 0 to 0.9, offspring
   * fractions 0.3 to 0.7, step mutation on or off.
   */
  /** The default population size: 8 individuals per generation. */
  public static final int DEFAULT_POPULATION_SIZE = 8;

  public static final Nsga2Settings DEFAULT = new Nsga2Settings(DEFAULT_POPULATION_SIZE, 0.0, 0.0, 0.3, 0.5, true, 200);

  /** Checks the figures. */
  public Nsga2Settings {
    if (populationSize < 4) {
      throw new IllegalArgumentException("populationSize must be >= 4: " + populationSize);
    }
    if (!(mutationProbability >= 0 && mutationProbability <= 1)) {
      throw new IllegalArgumentException("mutationProbability must be in [0, 1]: " + mutationProbability);
    }
    if (!(stepProbability >= 0 && stepProbability <= 1)) {
      throw new IllegalArgumentException("stepProbability must be in [0, 1]: " + stepProbability);
    }
    if (!(crossoverProbability >= 0 && crossoverProbability <= 1)) {
      throw new IllegalArgumentException("crossoverProbability must be in [0, 1]: " + crossoverProbability);
    }
    if (!(offspringFraction > 0 && offspringFraction < 1)) {
      throw new IllegalArgumentException("offspringFraction must be in (0, 1): " + offspringFraction);
    }
    if (stallGenerations < 1) {
      throw new IllegalArgumentException("stallGenerations must be >= 1: " + stallGenerations);
    }
  }

  /** A copy with another population size. */
  public Nsga2Settings withPopulationSize(int n) {
    return new Nsga2Settings(n, mutationProbability, stepProbability, crossoverProbability, offspringFraction, seedExtremes, stallGenerations);
  }

  /** A copy with another mutation probability. */
  public Nsga2Settings withMutationProbability(double p) {
    return new Nsga2Settings(populationSize, p, stepProbability, crossoverProbability, offspringFraction, seedExtremes, stallGenerations);
  }

  /** A copy with another step probability. */
  public Nsga2Settings withStepProbability(double p) {
    return new Nsga2Settings(populationSize, mutationProbability, p, crossoverProbability, offspringFraction, seedExtremes, stallGenerations);
  }

  /** A copy with another crossover probability. */
  public Nsga2Settings withCrossoverProbability(double p) {
    return new Nsga2Settings(populationSize, mutationProbability, stepProbability, p, offspringFraction, seedExtremes, stallGenerations);
  }

  /** A copy with another offspring fraction. */
  public Nsga2Settings withOffspringFraction(double f) {
    return new Nsga2Settings(populationSize, mutationProbability, stepProbability, crossoverProbability, f, seedExtremes, stallGenerations);
  }

  /** A copy with or without the corners in the first population. */
  public Nsga2Settings withSeedExtremes(boolean seed) {
    return new Nsga2Settings(populationSize, mutationProbability, stepProbability, crossoverProbability, offspringFraction, seed, stallGenerations);
  }
}
