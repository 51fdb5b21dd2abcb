package io.dynasplit.optimizer;

import io.jenetics.IntegerGene;
import io.jenetics.Mutator;
import io.jenetics.util.IntRange;
import java.util.random.RandomGenerator;

/**
 * Mutation of one knob: with probability {@code stepProbability} a step to a neighbouring value
 * (the next or previous split or frequency; reflected at the ends), else a jump to another value
 * drawn uniformly. Either way the value changes, so no mutation is wasted on the same
 * configuration. Steps exploit the order of the split and frequency knobs: near a good
 * configuration there are usually others.
 */
final class KnobMutator<C extends Comparable<? super C>> extends Mutator<IntegerGene, C> {

  private final double stepProbability;

  /**
   * A mutator.
   *
   * @param probability the probability that a knob is mutated
   * @param stepProbability the probability that a mutation is a step rather than a jump
   */
  KnobMutator(double probability, double stepProbability) {
    super(probability);
    if (!(stepProbability >= 0 && stepProbability <= 1)) {
      throw new IllegalArgumentException("stepProbability must be in [0, 1]: " + stepProbability);
    }
    this.stepProbability = stepProbability;
  }

  @Override
  protected IntegerGene mutate(IntegerGene gene, RandomGenerator random) {
    return mutateGene(gene, random);
  }

  /** A changed value of one gene: a step or a jump (the gene itself if its knob has one value). */
  IntegerGene mutateGene(IntegerGene gene, RandomGenerator random) {
    int n = gene.max() - gene.min();
    if (n <= 1) {
      return gene;
    }
    int current = gene.intValue() - gene.min();
    int next;
    if (random.nextDouble() < stepProbability) {
      next = current + (random.nextBoolean() ? 1 : -1);
      if (next < 0) {
        next = 1;
      } else if (next >= n) {
        next = n - 2;
      }
    } else {
      next = random.nextInt(n - 1);
      if (next >= current) {
        next++;
      }
    }
    return IntegerGene.of(gene.min() + next, new IntRange(gene.min(), gene.max()));
  }
}
