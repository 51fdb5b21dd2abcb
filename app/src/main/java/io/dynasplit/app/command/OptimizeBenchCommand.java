package io.dynasplit.app.command;

import io.dynasplit.optimizer.Budget;
import io.dynasplit.optimizer.EvaluationCache;
import io.dynasplit.optimizer.FrontRegret;
import io.dynasplit.optimizer.Fronts;
import io.dynasplit.optimizer.Hypervolume;
import io.dynasplit.optimizer.Nsga2Search;
import io.dynasplit.optimizer.Nsga2Settings;
import io.dynasplit.optimizer.Objectives;
import io.dynasplit.optimizer.OptimizationResult;
import io.dynasplit.optimizer.Optimizer;
import io.dynasplit.optimizer.PoolEvaluator;
import io.dynasplit.optimizer.RandomSearch;
import io.dynasplit.optimizer.ReferencePoint;
import io.dynasplit.optimizer.Search;
import io.dynasplit.optimizer.pool.PoolFiles;
import io.dynasplit.optimizer.pool.SimulationPool;
import io.dynasplit.optimizer.pool.SlaWorkload;
import io.dynasplit.optimizer.pool.SlaWorkloadCsv;
import io.dynasplit.schemas.FrontEntry;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code dynasplit optimize bench}: the optimizer's quality bar (front regret and log hypervolume,
 * NSGA-II next to random search, over seeds and budgets) and its timings.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Benchmark the optimizer on a pool: for each budget and seed, NSGA-II (surrogate-screened, as"
          + " optimize runs it), plain NSGA-II and random search, their front regret against the"
          + " exhaustive front over a workload (the paper's rule, mean energies) and their log"
          + " hypervolume under one reference point covering the pool; then the time to load the"
          + " pool and build the sorted exhaustive front, and NSGA-II's time per generation."
    })
public final class OptimizeBenchCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--pool",
      required = true,
      paramLabel = "FILE",
      description = "the pool (paper CSV, front JSON or trials JSONL)")
  Path pool;

  @Option(
      names = "--network",
      required = true,
      paramLabel = "NAME",
      description = "the pool's network, e.g. vgg16")
  String network;

  @Option(
      names = "--workload",
      required = true,
      paramLabel = "FILE",
      description = "SLA workload CSV (Index,Network,Latency)")
  Path workload;

  @Option(
      names = "--seeds",
      paramLabel = "FIRST-LAST",
      defaultValue = "1-5",
      description = "seeds, FIRST-LAST (default: ${DEFAULT-VALUE})")
  String seeds;

  @Option(
      names = "--budgets",
      paramLabel = "LIST",
      defaultValue = "0.05,0.1,0.2",
      split = ",",
      description = "budgets as fractions of the space (default: ${DEFAULT-VALUE})")
  double[] budgets;

  @Option(
      names = "--objectives",
      paramLabel = "LIST",
      defaultValue = "auto",
      description = "auto, latency,energy or latency,energy,fidelity (default: ${DEFAULT-VALUE})")
  String objectives;

  @Option(
      names = "--population",
      paramLabel = "N",
      description =
          "NSGA-II population size (default: " + Nsga2Settings.DEFAULT_POPULATION_SIZE + ")")
  Integer population;

  @Option(
      names = "--load-repeats",
      paramLabel = "N",
      defaultValue = "200",
      description =
          "repetitions of the load-and-sort timing; the first is reported alone (cold JVM), then"
              + " the median of the second half (warm) (default: ${DEFAULT-VALUE})")
  int loadRepeats;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = out();
    long[] seedRange = parseSeeds();
    if (loadRepeats < 1) {
      throw new ParameterException(
          spec.commandLine(), "--load-repeats must be >= 1: " + loadRepeats);
    }
    for (double b : budgets) {
      if (!(b > 0 && b <= 1)) {
        throw new ParameterException(
            spec.commandLine(), "--budgets must be fractions in (0, 1]: " + b);
      }
    }
    // timing first, on a fresh JVM: the first load is the cold figure
    double[] loadMs = new double[loadRepeats];
    SimulationPool p = null;
    for (int i = 0; i < loadRepeats; i++) {
      long t0 = System.nanoTime();
      try {
        p = PoolFiles.read(pool, network);
      } catch (IllegalArgumentException e) {
        throw new CommandFailure("cannot read pool " + pool + ": " + e.getMessage());
      }
      List<FrontEntry> sorted = Fronts.nonDominated(p.means(), Objectives.forEntries(p.means()));
      loadMs[i] = (System.nanoTime() - t0) / 1e6;
      if (sorted.isEmpty()) {
        throw new IllegalStateException("empty front");
      }
    }
    SlaWorkload w;
    try {
      w = SlaWorkloadCsv.read(workload, network);
    } catch (IllegalArgumentException e) {
      throw new CommandFailure(e.getMessage());
    }
    List<FrontEntry> means = p.means();
    Objectives obj = ObjectivesOption.parse(spec, objectives, means);
    Nsga2Settings settings =
        population == null
            ? Nsga2Settings.DEFAULT
            : Nsga2Settings.DEFAULT.withPopulationSize(population);
    List<FrontEntry> exhaustive = Fronts.nonDominated(p.means(), obj);
    ReferencePoint ref = ReferencePoint.covering(obj, p.means());
    double exhaustiveHv = Hypervolume.of(exhaustive, ref);
    FrontRegret.Schedule best = FrontRegret.schedule(network, exhaustive, w);

    out.printf(
        Locale.ROOT,
        "pool %s: %d measured of %d valid configurations, %d runs%n",
        pool.getFileName(),
        p.size(),
        p.space().size(),
        p.rowCount());
    out.printf(
        Locale.ROOT,
        "objectives %s; reference point (covering the pool) %s%n",
        obj,
        ref.describe());
    out.printf(
        Locale.ROOT,
        "exhaustive front: %d entries, log hypervolume %.6f, %.4f J per request over %d requests of"
            + " %s%n",
        exhaustive.size(),
        exhaustiveHv,
        best.energyPerRequestJ(),
        w.size(),
        workload.getFileName());
    out.printf(Locale.ROOT, "nsga2 settings %s%n", settings);

    double totalGenMs = 0;
    long totalGens = 0;
    Nsga2Settings plain = settings.withSurrogateScreening(false);
    for (double b : budgets) {
      Budget budget = Budget.fractionOf(b, p.space().size());
      out.printf(Locale.ROOT, "%nbudget %.2f (%d evaluations)%n", b, budget.maxEvaluations());
      out.printf(
          Locale.ROOT,
          "%6s %13s %13s %13s %12s %12s %12s %6s %9s%n",
          "seed",
          "nsga2_regret",
          "plain_regret",
          "random_regret",
          "nsga2_loghv",
          "plain_loghv",
          "random_loghv",
          "gens",
          "ms_per_gen");
      int n = (int) (seedRange[1] - seedRange[0] + 1);
      double[][] regret = new double[3][n];
      double[][] hv = new double[3][n];
      for (int i = 0; i < n; i++) {
        long seed = seedRange[0] + i;
        OptimizationResult nsga =
            run(new Nsga2Search(p.space(), obj, settings, seed), p, budget, obj);
        OptimizationResult[] results = {
          nsga,
          run(new Nsga2Search(p.space(), obj, plain, seed), p, budget, obj),
          run(new RandomSearch(p.space(), seed), p, budget, obj)
        };
        for (int s = 0; s < results.length; s++) {
          regret[s][i] =
              FrontRegret.schedule(network, results[s].front(), w).energyPerRequestJ()
                      / best.energyPerRequestJ()
                  - 1;
          hv[s][i] = Hypervolume.of(results[s].front(), ref);
        }
        totalGenMs += nsga.stats().evolveNanos() / 1e6;
        totalGens += nsga.stats().generations();
        out.printf(
            Locale.ROOT,
            "%6d %12.2f%% %12.2f%% %12.2f%% %12.6f %12.6f %12.6f %6d %9.3f%n",
            seed,
            100 * regret[0][i],
            100 * regret[1][i],
            100 * regret[2][i],
            hv[0][i],
            hv[1][i],
            hv[2][i],
            nsga.stats().generations(),
            nsga.stats().msPerGeneration());
      }
      out.printf(
          Locale.ROOT,
          "%6s %12.2f%% %12.2f%% %12.2f%% %12.6f %12.6f %12.6f%n",
          "median",
          100 * median(regret[0]),
          100 * median(regret[1]),
          100 * median(regret[2]),
          median(hv[0]),
          median(hv[1]),
          median(hv[2]));
      out.printf(
          Locale.ROOT,
          "%6s %12.2f%% %12.2f%% %12.2f%% %12.6f %12.6f %12.6f%n",
          "worst",
          100 * max(regret[0]),
          100 * max(regret[1]),
          100 * max(regret[2]),
          min(hv[0]),
          min(hv[1]),
          min(hv[2]));
      out.printf(
          Locale.ROOT,
          "seeds with regret <= 1%%: nsga2 %d of %d, plain nsga2 %d of %d, random %d of %d%n",
          count(regret[0]),
          n,
          count(regret[1]),
          n,
          count(regret[2]),
          n);
    }
    double[] warm = Arrays.copyOfRange(loadMs, loadMs.length / 2, loadMs.length);
    out.printf(
        Locale.ROOT,
        "%nload pool and build the sorted front: first (cold JVM) %.2f ms, median of the last %d of"
            + " %d repetitions %.2f ms%n",
        loadMs[0],
        warm.length,
        loadMs.length,
        median(warm));
    out.printf(
        Locale.ROOT,
        "nsga2: %d generations, %.3f ms per generation (evaluations from the pool included)%n",
        totalGens,
        totalGens == 0 ? 0 : totalGenMs / totalGens);
    return 0;
  }

  private static OptimizationResult run(
      Search search, SimulationPool pool, Budget budget, Objectives obj) {
    return Optimizer.run(
        search, EvaluationCache.inMemory(pool.model(), new PoolEvaluator(pool), budget), obj);
  }

  private long[] parseSeeds() {
    String[] parts = seeds.split("-");
    try {
      long first = Long.parseLong(parts[0].trim());
      long last = parts.length == 1 ? first : Long.parseLong(parts[1].trim());
      if (parts.length > 2 || last < first) {
        throw new NumberFormatException();
      }
      return new long[] {first, last};
    } catch (NumberFormatException e) {
      throw new ParameterException(
          spec.commandLine(), "--seeds must be FIRST-LAST with FIRST <= LAST: " + seeds);
    }
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }

  private static double max(double[] v) {
    return Arrays.stream(v).max().orElse(Double.NaN);
  }

  private static double min(double[] v) {
    return Arrays.stream(v).min().orElse(Double.NaN);
  }

  private static int count(double[] regrets) {
    int c = 0;
    for (double r : regrets) {
      if (r <= 0.01) {
        c++;
      }
    }
    return c;
  }

  private PrintWriter out() {
    return spec.commandLine().getOut();
  }

  private PrintWriter err() {
    return spec.commandLine().getErr();
  }
}
