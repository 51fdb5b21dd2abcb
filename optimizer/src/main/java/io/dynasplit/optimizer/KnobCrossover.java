package io.dynasplit.optimizer;

import io.jenetics.Chromosome;
import io.jenetics.Genotype;
import io.jenetics.IntegerGene;
import io.jenetics.Phenotype;
import io.jenetics.Recombinator;
import io.jenetics.util.MSeq;
import io.jenetics.util.RandomRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Uniform crossover over knobs: two parents swap each knob's chromosome with probability 1/2.
 * Jenetics' own crossovers recombine genes within one chromosome, and each knob here is a
 * chromosome of one gene, so they would never mix knobs.
 */
final class KnobCrossover<C extends Comparable<? super C>> extends Recombinator<IntegerGene, C> {

  /** A crossover applied to a pair of individuals with the given probability. */
  KnobCrossover(double probability) {
    super(probability, 2);
  }

  @Override
  protected int recombine(
      MSeq<Phenotype<IntegerGene, C>> population, int[] individuals, long generation) {
    RandomGenerator random = RandomRegistry.random();
    Genotype<IntegerGene> a = population.get(individuals[0]).genotype();
    Genotype<IntegerGene> b = population.get(individuals[1]).genotype();
    List<Chromosome<IntegerGene>> childA = new ArrayList<>(a.length());
    List<Chromosome<IntegerGene>> childB = new ArrayList<>(a.length());
    boolean swapped = false;
    for (int i = 0; i < a.length(); i++) {
      if (random.nextBoolean()) {
        childA.add(b.get(i));
        childB.add(a.get(i));
        swapped |= !a.get(i).equals(b.get(i));
      } else {
        childA.add(a.get(i));
        childB.add(b.get(i));
      }
    }
    if (!swapped) {
      return 0;
    }
    population.set(individuals[0], Phenotype.of(Genotype.of(childA), generation));
    population.set(individuals[1], Phenotype.of(Genotype.of(childB), generation));
    return 2;
  }
}
