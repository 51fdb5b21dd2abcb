package io.dynasplit.optimizer;

import io.dynasplit.optimizer.pool.Trial;
import io.dynasplit.scheduler.ConfigurationSpace;
import io.dynasplit.scheduler.ConfigurationSpace.Knob;
import io.dynasplit.schemas.Configuration;
import io.dynasplit.schemas.FrontEntry;
import io.jenetics.Alterer;
import io.jenetics.Genotype;
import io.jenetics.IntegerGene;
import io.jenetics.Optimize;
import io.jenetics.Phenotype;
import io.jenetics.engine.Engine;
import io.jenetics.engine.EvolutionInit;
import io.jenetics.engine.EvolutionResult;
import io.jenetics.ext.moea.MOEA;
import io.jenetics.ext.moea.NSGA2Selector;
import io.jenetics.ext.moea.Vec;
import io.jenetics.ext.moea.VecFactory;
import io.jenetics.util.ISeq;
import io.jenetics.util.IntRange;
import io.jenetics.util.RandomRegistry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * NSGA-II (Deb, Pratap, Agarwal, Meyarivan: "A fast and elitist multiobjective genetic algorithm:
 * NSGA-II", IEEE Transactions on Evolutionary Computation 6(2), 2002) over a configuration space,
 * with Jenetics: one integer gene per knob ({@link KnobCodec}); parents and survivors chosen by
 * non-dominated rank and crowding distance ({@link NSGA2Selector#ofVec()}); uniform crossover over
 * knobs ({@link KnobCrossover}), per-knob mutation ({@link KnobMutator}), a {@link NoveltyAlterer}
 * that turns every offspring into a configuration not measured before, and last (unless {@link
 * Nsga2Settings#surrogateScreening()} is off) a {@link SurrogateScreen} that moves each offspring
 * to the new configuration at most two knobs away that a model of the measurements so far expects
 * to save the most energy: surrogate-assisted NSGA-II with pre-screening (Emmerich, Giannakoglou,
 * Naujoks: "Single- and multiobjective evolutionary optimization assisted by Gaussian random field
 * metamodels", IEEE Transactions on Evolutionary Computation 10(4), 2006, with an additive model in
 * place of the Gaussian field).
 *
 * <p>Fitness is a {@link Vec} from one {@link VecFactory}, of the {@link Objectives} on their
 * scales (log latency, log energy, fidelity loss), all minimized. Configurations come from an
 * {@link EvaluationCache}, so none is measured twice. Invalid combinations never reach it: a
 * genotype decodes through the space's rules (no edge accelerator at split 0, no cloud at the
 * all-edge split). A gene such rules ignore is kept as it is rather than reset, so an all-edge
 * individual remembers its cloud accelerator and a mutation of its split lands on a useful cloud
 * configuration; two genotypes may thus stand for one configuration, which the cache answers once.
 *
 * <p>The first population holds the space's corners (each knob at its first or last value), which
 * guarantees the extremes of the front (everything in the cloud, everything on the edge at the
 * lowest and highest frequency) are measured; the rest is random. The search stops when the budget
 * is spent, every valid configuration has been evaluated, or {@link
 * Nsga2Settings#stallGenerations()} generations in a row measured nothing new. The front returned
 * by {@link Optimizer} is that of every measured trial; {@link SearchStats#populationFront()} is
 * Jenetics' own Pareto set over the populations ({@code MOEA.toParetoSet}), kept as a check.
 *
 * <p>Deterministic for a seed: the engine runs on the calling thread with a seeded {@code
 * RandomRegistry}, so a resumed run proposes what the interrupted one did.
 *
 * @implNote blocks until the search ends; call from a worker thread.
 */
public record Nsga2Search(
    ConfigurationSpace space, Objectives objectives, Nsga2Settings settings, long seed)
    implements Search {

  /** Checks the fields. */
  public Nsga2Search {
    Objects.requireNonNull(space, "space");
    Objects.requireNonNull(objectives, "objectives");
    Objects.requireNonNull(settings, "settings");
  }

  @Override
  public SearchStats run(EvaluationCache cache) {
    KnobCodec codec = new KnobCodec(space);
    Optimize[] directions = new Optimize[objectives.size()];
    Arrays.fill(directions, Optimize.MINIMUM);
    VecFactory<double[]> vecs = VecFactory.ofDoubleVec(directions);
    double[] penalty = objectives.penalty();
    Function<Genotype<IntegerGene>, Vec<double[]>> fitness =
        g -> {
          Optional<Trial> t = cache.lookup(codec.decode(g));
          return vecs.newVec(
              t.isPresent() && t.get().entry() != null
                  ? objectives.scaled(t.get().entry())
                  : penalty);
        };
    return RandomRegistry.with(
        new SplittableRandom(seed),
        random -> {
          Engine<IntegerGene, Vec<double[]>> engine =
              Engine.builder(fitness, codec.factory())
                  .populationSize(settings.populationSize())
                  .executor(Runnable::run)
                  .offspringSelector(NSGA2Selector.ofVec())
                  .survivorsSelector(NSGA2Selector.ofVec())
                  .offspringFraction(settings.offspringFraction())
                  .alterers(alterers(codec, cache))
                  .build();
          Progress progress = new Progress(cache, space.size(), settings.stallGenerations());
          ISeq<Phenotype<IntegerGene, Vec<double[]>>> front =
              engine.stream(EvolutionInit.of(initialPopulation(codec, random), 1))
                  .limit(progress::goOn)
                  .peek(progress::record)
                  .collect(MOEA.toParetoSet(new IntRange(1, space.size() + 1)));
          List<Configuration> frontConfigs = new ArrayList<>();
          for (Phenotype<IntegerGene, Vec<double[]>> p : front) {
            Configuration c = codec.decode(p.genotype());
            Optional<Trial> t = cache.lookup(c);
            if (t.isPresent() && t.get().entry() != null && !frontConfigs.contains(c)) {
              frontConfigs.add(c);
            }
          }
          return new SearchStats(
              settings.surrogateScreening() ? "nsga2 (surrogate-screened)" : "nsga2",
              progress.generations,
              progress.evolveNanos,
              frontConfigs);
        });
  }

  /** Crossover, mutation, novelty and, if set, surrogate screening, in that order. */
  private Alterer<IntegerGene, Vec<double[]>> alterers(KnobCodec codec, EvaluationCache cache) {
    Alterer<IntegerGene, Vec<double[]>> bred =
        new KnobCrossover<Vec<double[]>>(settings.crossoverProbability())
            .andThen(new KnobMutator<>(settings.mutationProbability(), settings.stepProbability()))
            .andThen(new NoveltyAlterer<>(codec, cache::isKnown, settings.stepProbability()));
    if (!settings.surrogateScreening()) {
      return bred;
    }
    return bred.andThen(
        new SurrogateScreen<>(space, codec, cache::isKnown, () -> measuredSoFar(cache)));
  }

  /**
   * The figures of the configurations this run has asked for (see {@link EvaluationCache#isKnown}),
   * so that a resumed run screens as the interrupted one did.
   */
  private static List<FrontEntry> measuredSoFar(EvaluationCache cache) {
    List<FrontEntry> out = new ArrayList<>();
    for (Trial t : cache.trials()) {
      if (t.entry() != null && cache.isKnown(t.config())) {
        out.add(t.entry());
      }
    }
    return out;
  }

  /**
   * The first population: the space's corners (each varying knob at its first or last value), in a
   * random order, as many as fit; the engine fills the rest with random genotypes.
   */
  private ISeq<Genotype<IntegerGene>> initialPopulation(KnobCodec codec, RandomGenerator random) {
    if (!settings.seedExtremes()) {
      return ISeq.empty();
    }
    List<Knob> varying = new ArrayList<>();
    for (Knob k : Knob.values()) {
      if (space.valueCount(k) > 1) {
        varying.add(k);
      }
    }
    List<Genotype<IntegerGene>> corners = new ArrayList<>();
    for (int mask = 0; mask < (1 << varying.size()); mask++) {
      int[] idx = new int[Knob.values().length];
      for (int b = 0; b < varying.size(); b++) {
        Knob k = varying.get(b);
        idx[k.ordinal()] = (mask >> b & 1) == 0 ? 0 : space.valueCount(k) - 1;
      }
      corners.add(codec.genotypeOf(idx));
    }
    Collections.shuffle(corners, random);
    return ISeq.of(corners.subList(0, Math.min(corners.size(), settings.populationSize())));
  }

  /** Decides when to stop and times the generations. */
  private static final class Progress {
    private final EvaluationCache cache;
    private final int spaceSize;
    private final int stallLimit;
    private int lastEvaluations = -1;
    private int stalled;
    long generations;
    long evolveNanos;

    Progress(EvaluationCache cache, int spaceSize, int stallLimit) {
      this.cache = cache;
      this.spaceSize = spaceSize;
      this.stallLimit = stallLimit;
    }

    void record(EvolutionResult<IntegerGene, Vec<double[]>> r) {
      generations++;
      evolveNanos += r.durations().evolveDuration().toNanos();
    }

    boolean goOn(EvolutionResult<IntegerGene, Vec<double[]>> r) {
      int n = cache.known();
      stalled = n == lastEvaluations ? stalled + 1 : 0;
      lastEvaluations = n;
      return !cache.exhausted() && n < spaceSize && stalled < stallLimit;
    }
  }
}
