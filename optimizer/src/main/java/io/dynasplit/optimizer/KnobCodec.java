package io.dynasplit.optimizer;

import io.dynasplit.scheduler.ConfigurationSpace;
import io.dynasplit.scheduler.ConfigurationSpace.Knob;
import io.dynasplit.schemas.Configuration;
import io.jenetics.Genotype;
import io.jenetics.IntegerChromosome;
import io.jenetics.IntegerGene;
import io.jenetics.util.Factory;
import io.jenetics.util.IntRange;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The genotype of a configuration: one chromosome of one integer gene per {@link Knob}, the gene
 * holding the index of the knob's value (an {@link IntegerChromosome} needs one range for all its
 * genes, and the knobs have different ranges).
 *
 * <p>Every genotype stands for a valid configuration: decoding applies the space's rules. Several
 * genotypes can stand for one configuration (an edge accelerator gene at split 0 is ignored).
 */
final class KnobCodec {

  private static final Knob[] KNOBS = Knob.values();

  private final ConfigurationSpace space;

  KnobCodec(ConfigurationSpace space) {
    this.space = Objects.requireNonNull(space, "space");
  }

  /** The configuration a genotype stands for (always valid: the space's rules apply). */
  Configuration decode(Genotype<IntegerGene> g) {
    return space.decode(indexes(g));
  }

  /** The genotype of an index vector, canonical or not. */
  Genotype<IntegerGene> genotypeOf(int[] idx) {
    List<IntegerChromosome> chromosomes = new ArrayList<>(KNOBS.length);
    for (Knob k : KNOBS) {
      chromosomes.add(IntegerChromosome.of(IntegerGene.of(idx[k.ordinal()], range(k))));
    }
    return Genotype.of(chromosomes);
  }

  /** A factory of random genotypes (uniform over each gene's range). */
  Factory<Genotype<IntegerGene>> factory() {
    List<IntegerChromosome> chromosomes = new ArrayList<>(KNOBS.length);
    for (Knob k : KNOBS) {
      chromosomes.add(IntegerChromosome.of(range(k)));
    }
    return Genotype.of(chromosomes);
  }

  private IntRange range(Knob k) {
    return new IntRange(0, space.valueCount(k));
  }

  /** The gene values of a genotype, one index per knob (not canonical: ignored genes are kept). */
  static int[] indexes(Genotype<IntegerGene> g) {
    int[] idx = new int[KNOBS.length];
    for (int i = 0; i < KNOBS.length; i++) {
      idx[i] = g.get(i).gene().intValue();
    }
    return idx;
  }
}
