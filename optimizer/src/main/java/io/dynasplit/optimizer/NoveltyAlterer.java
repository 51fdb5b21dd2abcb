package io.dynasplit.optimizer;

import io.dynasplit.schemas.Configuration;
import io.jenetics.Alterer;
import io.jenetics.AltererResult;
import io.jenetics.Genotype;
import io.jenetics.IntegerGene;
import io.jenetics.Phenotype;
import io.jenetics.util.ISeq;
import io.jenetics.util.MSeq;
import io.jenetics.util.RandomRegistry;
import io.jenetics.util.Seq;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * The last alterer of a generation: makes every offspring a configuration not measured before and
 * not repeated within the generation, by mutating one knob at a time (as {@link KnobMutator} does)
 * until it is new; after {@value #MAX_TRIES} tries it jumps to a random new configuration.
 *
 * <p>With a budget of a few dozen evaluations, an offspring equal to its parent or to an earlier
 * trial teaches the search nothing: this keeps each generation's evaluations near its parents
 * (local search around the front) and never spends a generation on repeats. Genes the space's rules
 * ignore are kept as they are (see {@link Nsga2Search}).
 */
final class NoveltyAlterer<C extends Comparable<? super C>> implements Alterer<IntegerGene, C> {

  static final int MAX_TRIES = 64;

  private final KnobCodec codec;
  private final Predicate<Configuration> measured;
  private final KnobMutator<C> step;

  /**
   * An alterer.
   *
   * @param codec the genotype of configurations
   * @param measured whether the search has already seen a configuration ({@link
   *     EvaluationCache#isKnown})
   * @param stepProbability as {@link KnobMutator}'s
   */
  NoveltyAlterer(KnobCodec codec, Predicate<Configuration> measured, double stepProbability) {
    this.codec = codec;
    this.measured = measured;
    this.step = new KnobMutator<>(1.0, stepProbability);
  }

  @Override
  public AltererResult<IntegerGene, C> alter(
      Seq<Phenotype<IntegerGene, C>> population, long generation) {
    RandomGenerator random = RandomRegistry.random();
    MSeq<Phenotype<IntegerGene, C>> out = MSeq.of(population);
    Set<Configuration> taken = new HashSet<>();
    int altered = 0;
    for (int i = 0; i < out.size(); i++) {
      Genotype<IntegerGene> g = out.get(i).genotype();
      Configuration c = codec.decode(g);
      if (!measured.test(c) && taken.add(c)) {
        continue;
      }
      Configuration fresh = null;
      for (int t = 0; t < MAX_TRIES && fresh == null; t++) {
        g = mutateOneKnob(g, random);
        Configuration candidate = codec.decode(g);
        if (!measured.test(candidate) && !taken.contains(candidate)) {
          fresh = candidate;
        }
      }
      for (int t = 0; t < MAX_TRIES && fresh == null; t++) {
        g = codec.factory().newInstance();
        Configuration candidate = codec.decode(g);
        if (!measured.test(candidate) && !taken.contains(candidate)) {
          fresh = candidate;
        }
      }
      if (fresh == null) {
        continue; // the space is (nearly) exhausted: leave it, the cache answers it for free
      }
      taken.add(fresh);
      out.set(i, Phenotype.of(g, generation));
      altered++;
    }
    return new AltererResult<>(out.toISeq(), altered);
  }

  private Genotype<IntegerGene> mutateOneKnob(Genotype<IntegerGene> g, RandomGenerator random) {
    int varying = 0;
    for (int i = 0; i < g.length(); i++) {
      if (g.get(i).gene().max() - g.get(i).gene().min() > 1) {
        varying++;
      }
    }
    if (varying == 0) {
      return g;
    }
    int pick = random.nextInt(varying);
    MSeq<io.jenetics.Chromosome<IntegerGene>> chromosomes = MSeq.of(g);
    for (int i = 0, v = 0; i < g.length(); i++) {
      IntegerGene gene = g.get(i).gene();
      if (gene.max() - gene.min() > 1 && v++ == pick) {
        chromosomes.set(i, g.get(i).newInstance(ISeq.of(step.mutateGene(gene, random))));
      }
    }
    return Genotype.of(chromosomes);
  }
}
