package io.dynasplit.optimizer;

import io.dynasplit.scheduler.ConfigurationSpace;
import io.dynasplit.scheduler.ConfigurationSpace.Knob;
import io.dynasplit.schemas.Configuration;
import io.dynasplit.schemas.FrontEntry;
import io.jenetics.Alterer;
import io.jenetics.AltererResult;
import io.jenetics.Genotype;
import io.jenetics.IntegerGene;
import io.jenetics.Phenotype;
import io.jenetics.util.MSeq;
import io.jenetics.util.RandomRegistry;
import io.jenetics.util.Seq;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Pre-screening of offspring by a surrogate model: before a generation's offspring are measured,
 * each is replaced by the configuration in its neighbourhood (itself, or it with up to {@link
 * #RADIUS} knobs set to other values) that a {@link KnobSurrogate} fitted to every measurement so
 * far expects to save the scheduler the most energy ({@link ExpectedSaving}), among those not
 * measured yet.
 *
 * <p>NSGA-II still chooses parents and survivors and breeds the offspring; this alterer spends each
 * measurement on the most promising configuration near an offspring (at most {@link #RADIUS} knobs
 * changed) rather than on the offspring as bred. With a budget of a tenth of the space, that is
 * what finds the cheap configurations that sit among many nearly as cheap ones (see
 * docs/PERFORMANCE.md, offline optimizer). It runs after {@link NoveltyAlterer}, so an offspring it
 * cannot improve on is still new.
 */
final class SurrogateScreen<C extends Comparable<? super C>> implements Alterer<IntegerGene, C> {

  /**
   * How many knobs a screened offspring may differ in from the offspring as bred: 2. With one, the
   * screen stays too close to the breeding to reach the cheap configurations a tenth of the space
   * hides; over the whole space, NSGA-II would no longer steer (docs/PERFORMANCE.md).
   */
  static final int RADIUS = 2;

  private final ConfigurationSpace space;
  private final KnobCodec codec;
  private final Predicate<Configuration> known;
  private final Supplier<List<FrontEntry>> measured;

  /**
   * A screen.
   *
   * @param space the space searched
   * @param codec the genotype of its configurations
   * @param known whether the search has already asked for a configuration ({@link
   *     EvaluationCache#isKnown})
   * @param measured the figures of every configuration measured so far in this run
   */
  SurrogateScreen(
      ConfigurationSpace space,
      KnobCodec codec,
      Predicate<Configuration> known,
      Supplier<List<FrontEntry>> measured) {
    this.space = space;
    this.codec = codec;
    this.known = known;
    this.measured = measured;
  }

  @Override
  public AltererResult<IntegerGene, C> alter(
      Seq<Phenotype<IntegerGene, C>> population, long generation) {
    List<FrontEntry> entries = measured.get();
    if (entries.isEmpty()) {
      return new AltererResult<>(population.asISeq(), 0);
    }
    KnobSurrogate model = KnobSurrogate.fit(space, entries);
    ExpectedSaving saving = new ExpectedSaving(entries);
    MSeq<Phenotype<IntegerGene, C>> out = MSeq.of(population);
    Set<Configuration> taken = new HashSet<>();
    int altered = 0;
    for (int i = 0; i < out.size(); i++) {
      Genotype<IntegerGene> bred = out.get(i).genotype();
      Genotype<IntegerGene> best = null;
      Configuration bestConfig = null;
      double bestSaving = Double.NEGATIVE_INFINITY;
      for (Genotype<IntegerGene> g : neighbourhood(bred)) {
        Configuration c = codec.decode(g);
        if (known.test(c) || taken.contains(c)) {
          continue;
        }
        double s = saving.of(model.predict(c));
        if (s > bestSaving) {
          best = g;
          bestConfig = c;
          bestSaving = s;
        }
      }
      if (best == null) {
        continue; // nothing new near it: leave the offspring as the novelty alterer made it
      }
      taken.add(bestConfig);
      if (best != bred) {
        out.set(i, Phenotype.of(best, generation));
        altered++;
      }
    }
    return new AltererResult<>(out.toISeq(), altered);
  }

  /**
   * The genotype first, then every other index vector at most {@link #RADIUS} knobs away from it,
   * in random order.
   */
  private List<Genotype<IntegerGene>> neighbourhood(Genotype<IntegerGene> g) {
    int[] idx = KnobCodec.indexes(g);
    List<Genotype<IntegerGene>> around = new ArrayList<>();
    collect(idx, idx.clone(), 0, RADIUS, around);
    Collections.shuffle(around, RandomRegistry.random());
    around.addFirst(g);
    return around;
  }

  /**
   * Adds every vector that differs from {@code origin} in at most {@code left} of the knobs from
   * {@code from} on.
   */
  private void collect(
      int[] origin, int[] current, int from, int left, List<Genotype<IntegerGene>> out) {
    if (from == origin.length) {
      if (!Arrays.equals(origin, current)) {
        out.add(codec.genotypeOf(current.clone()));
      }
      return;
    }
    collect(origin, current, from + 1, left, out);
    if (left == 0) {
      return;
    }
    Knob k = Knob.values()[from];
    for (int v = 0; v < space.valueCount(k); v++) {
      if (v != origin[from]) {
        current[from] = v;
        collect(origin, current, from + 1, left - 1, out);
      }
    }
    current[from] = origin[from];
  }
}
