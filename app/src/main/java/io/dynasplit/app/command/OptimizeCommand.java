package io.dynasplit.app.command;

import io.dynasplit.app.profile.DataPlaneSetup;
import io.dynasplit.app.profile.LiveProfiler;
import io.dynasplit.app.profile.SampleInputs;
import io.dynasplit.models.runtime.SplitParts;
import io.dynasplit.optimizer.Budget;
import io.dynasplit.optimizer.ConfigurationEvaluator;
import io.dynasplit.optimizer.EvaluationCache;
import io.dynasplit.optimizer.ExhaustiveSearch;
import io.dynasplit.optimizer.FrontPublisher;
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
import io.dynasplit.optimizer.pool.Trial;
import io.dynasplit.optimizer.pool.TrialsFile;
import io.dynasplit.scheduler.ConfigurationSpace;
import io.dynasplit.schemas.Codec;
import io.dynasplit.schemas.FrontEntry;
import io.dynasplit.schemas.Json;
import io.dynasplit.schemas.ParetoFront;
import io.dynasplit.schemas.RequestInput;
import io.dynasplit.schemas.Topics;
import io.dynasplit.schemas.mqtt.BrokerConnection;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code dynasplit optimize}: searches a configuration space for the Pareto front and writes it as
 * JSON.
 */
@Command(
    name = "optimize",
    mixinStandardHelpOptions = true,
    subcommands = OptimizeBenchCommand.class,
    description = {
      "Search the configuration space for the Pareto front of latency, energy and (where it varies)"
          + " fidelity, evaluating configurations from a simulation pool, or with --live by"
          + " measuring them on this machine, and write the front as JSON.",
      "--live starts a broker, a cloud worker and an edge node in this process and measures each"
          + " configuration the search asks for by applying it (the edge's hardware verticle sets"
          + " what this machine can: CPU frequency where cpufreq is managed, accelerators it has; a"
          + " knob it cannot change has one value) and running N warm requests through the real"
          + " path: latency p50/p95, edge and cloud energy with their sources, bytes, and fidelity"
          + " against the full fp32 model on sample inputs.",
      "Trials are appended to a JSON-lines file as they are measured; run the same command again to"
          + " resume an interrupted search (its trials count against the budget).",
      "A configuration the pool never measured (or the live data plane refused) costs one"
          + " evaluation and never enters the front.",
      "The log hypervolume printed at the end uses a reference point covering the pool's mean"
          + " figures (worst x 1.26 for latency and energy, fidelity loss + 0.01); `dynasplit front"
          + " FILE --pool POOL` prints the same one. With --live it covers the measured trials"
          + " instead."
    },
    footer = {
      "",
      "Examples:",
      "  dynasplit optimize --pool simulation_pool_vgg16.csv --network vgg16 --budget 0.1 --seed 1"
          + " --out front.json",
      "  dynasplit optimize --live --model tiny-cnn --budget 0.2 --n 5 --out front.json",
      "  dynasplit optimize --live --model ppocr-cls --budget 0.2 --out front.json --publish"
          + " --edge-id edge-1"
    })
public final class OptimizeCommand implements Callable<Integer> {

  /** The search strategies. */
  enum Strategy {
    nsga2,
    random
  }

  @Spec CommandSpec spec;

  @Option(
      names = "--pool",
      paramLabel = "FILE",
      description =
          "(required without --live) measurements to evaluate from: the paper's pool CSV, a front"
              + " JSON or a trials JSONL file")
  Path pool;

  @Option(
      names = "--network",
      paramLabel = "NAME",
      description = "(required without --live) the network (model) the pool measures, e.g. vgg16")
  String network;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "(required) where to write the front (JSON, the ParetoFront schema)")
  Path out;

  @Option(
      names = "--budget",
      paramLabel = "FRACTION",
      defaultValue = "0.2",
      description =
          "evaluations as a fraction of the valid configurations, rounded up (default:"
              + " ${DEFAULT-VALUE})")
  double budgetFraction;

  @Option(
      names = "--evaluations",
      paramLabel = "N",
      description = "evaluations as a number (overrides --budget)")
  Integer evaluations;

  @Option(
      names = "--time",
      paramLabel = "DURATION",
      description = "wall-clock limit, e.g. 30s, 5m or PT1H")
  String time;

  @Option(
      names = "--seed",
      paramLabel = "SEED",
      defaultValue = "1",
      description = "random seed (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(
      names = "--strategy",
      paramLabel = "STRATEGY",
      defaultValue = "nsga2",
      description = "nsga2 or random (default: ${DEFAULT-VALUE})")
  Strategy strategy;

  @Option(
      names = "--exhaustive",
      description = "evaluate every valid configuration (the budget defaults to the whole space)")
  boolean exhaustive;

  @Mixin ObjectivesOption objectives;

  @Option(
      names = "--population",
      paramLabel = "N",
      description =
          "NSGA-II population size, >= 4 (default: " + Nsga2Settings.DEFAULT_POPULATION_SIZE + ")")
  Integer population;

  @Option(
      names = "--no-screening",
      description =
          "plain NSGA-II: measure offspring as bred, without the surrogate model's pre-screening")
  boolean noScreening;

  @Option(
      names = "--trials",
      paramLabel = "FILE",
      description = "trials file (default: the --out file with .trials.jsonl)")
  Path trials;

  @Option(
      names = "--restart",
      description = "discard an existing trials file instead of resuming from it")
  boolean restart;

  @Option(
      names = "--publish",
      description = "publish the front retained to edge/{edgeId}/pareto/{model}")
  boolean publish;

  @Option(
      names = "--edge-id",
      paramLabel = "ID",
      description = "the edge to publish to (with --publish)")
  String edgeId;

  @Mixin BrokerOptions broker;

  /** Deprecated {@code --broker HOST:PORT}, hidden: sets {@code --broker-host} and -port. */
  @Option(names = "--broker", paramLabel = "HOST:PORT", hidden = true)
  void deprecatedBroker(String text) {
    int colon = text.lastIndexOf(':');
    try {
      String host = colon < 0 ? text : text.substring(0, colon);
      int port = colon < 0 ? 1883 : Integer.parseInt(text.substring(colon + 1));
      if (host.isBlank() || port < 1 || port > 65535) {
        throw new NumberFormatException();
      }
      broker.host = host;
      broker.port = port;
    } catch (NumberFormatException e) {
      throw new ParameterException(
          spec.commandLine(), "--broker must be HOST:PORT with a port in 1..65535: " + text);
    }
  }

  @Option(
      names = "--topic-prefix",
      paramLabel = "PREFIX",
      defaultValue = Topics.DEFAULT_PREFIX,
      description = "topic prefix (default: ${DEFAULT-VALUE})")
  String topicPrefix;

  @Option(names = "--no-progress", description = "do not draw the progress bar")
  boolean noProgress;

  @Option(
      names = "--live",
      description =
          "measure configurations on this machine through the real path (an in-process broker,"
              + " cloud worker and edge node) instead of reading a pool; needs --model")
  boolean live;

  @Option(
      names = "--model",
      paramLabel = "ID",
      description = "(with --live) the catalog model to measure")
  String model;

  @Option(
      names = "--n",
      paramLabel = "N",
      defaultValue = "10",
      description = "(with --live) measured requests per configuration (default: ${DEFAULT-VALUE})")
  int liveN;

  @Option(
      names = "--warmup",
      paramLabel = "N",
      defaultValue = "2",
      description =
          "(with --live) least warm-up requests per configuration before measuring; it goes on"
              + " until the timings settle, as in profile (default: ${DEFAULT-VALUE})")
  int liveWarmup;

  @Option(
      names = "--samples",
      paramLabel = "K",
      defaultValue = "4",
      description =
          "(with --live) synthetic sample inputs for fidelity, taken in turn (default:"
              + " ${DEFAULT-VALUE}; 1 with --image)")
  int liveSamples;

  @Option(
      names = "--image",
      paramLabel = "FILE",
      description = "(with --live) a PNG or JPEG input instead of synthetic pages")
  Path liveImage;

  @Option(
      names = "--size",
      paramLabel = "WxH",
      defaultValue = "640x480",
      description = "(with --live) size of the synthetic pages (default: ${DEFAULT-VALUE})")
  String liveSize;

  @Option(
      names = "--splits",
      paramLabel = "all|LIST",
      defaultValue = "all",
      description =
          "(with --live) the splits of the space: all candidates or a comma-separated list; 0 and"
              + " the all-edge split are always in (default: ${DEFAULT-VALUE})")
  String liveSplits;

  @Option(
      names = "--threads",
      paramLabel = "LIST",
      description =
          "(with --live) head thread counts of the space (default: 1, 2 and the available cores)")
  String liveThreads;

  @Option(
      names = "--codecs",
      paramLabel = "LIST",
      defaultValue = "fp32,fp16,int8",
      description =
          "(with --live) intermediate tensor codecs of the space, of "
              + LiveSpaceOptions.CODECS_HELP
              + " (default: ${DEFAULT-VALUE})")
  String liveCodecs;

  @Option(
      names = "--max-tensors",
      paramLabel = "K",
      defaultValue = "1",
      description =
          "(with --live) most tensors a candidate split may send (default: ${DEFAULT-VALUE})")
  int maxTensors;

  /**
   * What a search runs over: a space, an evaluation, its objectives and the figures a reference
   * point covers.
   */
  private record Problem(
      String model,
      ConfigurationSpace space,
      ConfigurationEvaluator evaluator,
      Objectives objectives,
      String source) {}

  @Override
  public Integer call() throws InterruptedException {
    // checked here rather than by picocli, so that `optimize bench` does not need them
    Object[][] required =
        live
            ? new Object[][] {{"--model", model}, {"--out", out}}
            : new Object[][] {{"--pool", pool}, {"--network", network}, {"--out", out}};
    for (var r : required) {
      if (r[1] == null) {
        throw new ParameterException(spec.commandLine(), "Missing required option: '" + r[0] + "'");
      }
    }
    if (live && (pool != null || network != null)) {
      throw new ParameterException(
          spec.commandLine(),
          "--live measures on this machine: give --model, not --pool or --network");
    }
    if (publish && (edgeId == null || edgeId.isBlank())) {
      throw new ParameterException(spec.commandLine(), "--publish needs --edge-id");
    }
    BrokerConnection hostPort = publish ? broker.connection() : null;
    Duration wallClock = time == null ? null : parseDuration(spec, time);
    if (!live) {
      SimulationPool p;
      try {
        p = PoolFiles.read(pool, network);
      } catch (IllegalArgumentException e) {
        return fail("--pool: " + e.getMessage());
      } catch (IOException e) {
        return fail("--pool: cannot read: " + IoErrors.describe(e));
      }
      PoolFileNames.mismatchWarning(pool, network)
          .ifPresent(w -> err().println("dynasplit optimize: " + w));
      Problem problem =
          new Problem(
              network,
              p.space(),
              new PoolEvaluator(p),
              objectives.resolve(spec, p.means()),
              "the pool");
      return optimize(problem, wallClock, hostPort, p.means());
    }
    if (liveN < 1 || liveWarmup < 0 || liveSamples < 1) {
      throw new ParameterException(
          spec.commandLine(), "--n and --samples must be >= 1 and --warmup >= 0");
    }
    List<Codec> codecs = LiveSpaceOptions.codecs(spec, liveCodecs);
    List<Integer> threadCounts =
        LiveSpaceOptions.threads(spec, liveThreads, Runtime.getRuntime().availableProcessors());
    SplitParts parts = DataPlaneSetup.parts(maxTensors);
    if (parts.catalog().find(model).isEmpty()) {
      return fail("unknown model " + model + "; known: " + parts.catalog().ids());
    }
    List<Integer> splitList =
        LiveSpaceOptions.splits(
            spec, liveSplits, parts.candidates(model), parts.allEdgeSplit(model));
    List<RequestInput> inputs;
    try {
      inputs = SampleInputs.of(liveImage, liveSize, liveSamples);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    } catch (IOException e) {
      return fail("--image: cannot read: " + IoErrors.describe(e));
    }
    err()
        .printf(
            Locale.ROOT,
            "starting the data plane for %s and recording its reference outputs%n",
            model);
    try (LiveProfiler profiler =
        LiveProfiler.start(
            parts, model, inputs, new LiveProfiler.Settings(liveN, liveWarmup), null)) {
      ConfigurationSpace space = profiler.space(splitList, threadCounts, codecs);
      err().printf(Locale.ROOT, "live space: %d valid configurations (%s)%n", space.size(), space);
      Problem problem =
          new Problem(model, space, profiler, liveObjectives(codecs), "the live data plane");
      int code = optimize(problem, wallClock, hostPort, null);
      out()
          .printf(
              Locale.ROOT,
              "energy sources (edge/cloud): %s%n",
              String.join(", ", profiler.energySources()));
      return code;
    } catch (ParameterException | InterruptedException e) {
      throw e;
    } catch (Exception e) {
      // the data plane failed to start, or a measurement failed for a reason that stops the search
      return fail("live profiling of " + model + " failed: " + e.getMessage());
    }
  }

  private Objectives liveObjectives(List<Codec> codecs) {
    // only a lossy codec makes fidelity vary: fp32, compressed or not, reproduces the full model's
    // output
    return objectives.resolve(
        spec,
        () ->
            codecs.stream().anyMatch(Codec::lossy)
                ? Objectives.LATENCY_ENERGY_FIDELITY
                : Objectives.LATENCY_ENERGY);
  }

  /**
   * Searches a problem, writes the front and its trials, prints the summary and publishes the
   * front.
   *
   * @param covered the figures the reference point covers (a pool's means), or null for the
   *     measured ones
   */
  private int optimize(
      Problem problem,
      Duration wallClock,
      BrokerConnection hostPort,
      Collection<FrontEntry> covered)
      throws InterruptedException {
    Objectives obj = problem.objectives();
    int spaceSize = problem.space().size();
    Budget budget;
    if (evaluations != null) {
      if (evaluations < 1) {
        throw new ParameterException(
            spec.commandLine(), "--evaluations must be >= 1: " + evaluations);
      }
      budget = Budget.evaluations(evaluations);
    } else if (exhaustive && !spec.commandLine().getParseResult().hasMatchedOption("--budget")) {
      budget = Budget.evaluations(spaceSize);
    } else {
      if (!(budgetFraction > 0 && budgetFraction <= 1)) {
        throw new ParameterException(
            spec.commandLine(), "--budget must be a fraction in (0, 1]: " + budgetFraction);
      }
      budget = Budget.fractionOf(budgetFraction, spaceSize);
    }
    if (wallClock != null) {
      budget = budget.withWallClock(wallClock);
    }
    Nsga2Settings settings = Nsga2Settings.DEFAULT;
    if (population != null) {
      if (population < 4) {
        throw new ParameterException(
            spec.commandLine(), "--population must be >= 4: " + population);
      }
      settings = settings.withPopulationSize(population);
    }
    if (noScreening) {
      settings = settings.withSurrogateScreening(false);
    }
    Search search =
        exhaustive
            ? new ExhaustiveSearch(problem.space())
            : switch (strategy) {
              case nsga2 -> new Nsga2Search(problem.space(), obj, settings, seed);
              case random -> new RandomSearch(problem.space(), seed);
            };

    Path trialsFile = trials != null ? trials : defaultTrials(out);
    List<Trial> earlier;
    try {
      if (restart) {
        Files.deleteIfExists(trialsFile);
      }
      earlier = TrialsFile.read(trialsFile);
    } catch (IllegalArgumentException e) {
      return fail(
          "cannot resume from "
              + trialsFile
              + ": "
              + e.getMessage()
              + " (use --restart to start over)");
    } catch (IOException e) {
      return fail("--trials: " + IoErrors.describe(e));
    }
    if (!earlier.isEmpty()) {
      err().printf(Locale.ROOT, "resuming from %d trials in %s%n", earlier.size(), trialsFile);
    }

    OptimizationResult result;
    try (TrialsFile sink = TrialsFile.openForAppend(trialsFile);
        ProgressBar bar = noProgress ? null : progressBar(err(), budget, earlier.size())) {
      EvaluationCache cache =
          new EvaluationCache(
              problem.model(),
              problem.evaluator(),
              budget,
              sink,
              earlier,
              bar == null ? null : (t, n, max) -> bar.stepTo(Math.min(n, max)),
              InstantSource.system());
      result = Optimizer.run(search, cache, obj);
    } catch (IllegalArgumentException e) {
      return fail(e.getMessage());
    } catch (IOException e) {
      return fail("cannot write trials to " + trialsFile + ": " + IoErrors.describe(e));
    }

    ParetoFront front = result.toParetoFront(Instant.now());
    try {
      Path parent = out.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(out, Json.toPrettyString(front) + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      return fail("--out: cannot write " + out + ": " + IoErrors.describe(e));
    }

    Collection<FrontEntry> refEntries =
        covered != null
            ? covered
            : result.trials().stream().filter(Trial::measured).map(Trial::entry).toList();
    out()
        .printf(
            Locale.ROOT,
            "strategy %s, seed %d, objectives %s%n",
            result.stats().strategy(),
            seed,
            obj);
    out()
        .printf(
            Locale.ROOT,
            "evaluations %d of %d valid configurations (%d resumed, %d not measured by %s)%n",
            result.evaluations(),
            spaceSize,
            result.resumed(),
            result.unmeasured(),
            problem.source());
    if (result.stats().generations() > 0) {
      out()
          .printf(
              Locale.ROOT,
              "generations %d, %.3f ms per generation%n",
              result.stats().generations(),
              result.stats().msPerGeneration());
    }
    out().printf(Locale.ROOT, "front size %d%n", result.front().size());
    if (!refEntries.isEmpty()) {
      ReferencePoint ref = ReferencePoint.covering(obj, refEntries);
      out()
          .printf(
              Locale.ROOT,
              "log hypervolume %.6f (reference point covering %s: %s)%n",
              Hypervolume.of(result.front(), ref),
              covered != null ? problem.source() : "the measured trials",
              ref.describe());
    }
    out().printf(Locale.ROOT, "wrote %s (trials in %s)%n", out, trialsFile);

    if (hostPort != null) {
      FrontPublisher publisher = new FrontPublisher(hostPort, new Topics(topicPrefix));
      try {
        String topic = publisher.publish(edgeId, front).get(30, TimeUnit.SECONDS);
        out().printf(Locale.ROOT, "published retained to %s on %s%n", topic, hostPort.address());
      } catch (ExecutionException e) {
        Throwable cause = e.getCause() == null ? e : e.getCause();
        return fail("cannot publish to " + hostPort.address() + ": " + cause.getMessage());
      } catch (TimeoutException e) {
        return fail("cannot publish to " + hostPort.address() + ": no answer within 30 s");
      }
    }
    return 0;
  }

  static Path defaultTrials(Path out) {
    String name = out.getFileName().toString();
    String base = name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
    return out.resolveSibling(base + ".trials.jsonl");
  }

  static Duration parseDuration(CommandSpec spec, String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    try {
      Duration d;
      if (t.startsWith("pt")) {
        d = Duration.parse(t.toUpperCase(Locale.ROOT));
      } else if (t.endsWith("ms")) {
        d = Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
      } else if (t.endsWith("s")) {
        d = Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)));
      } else if (t.endsWith("m")) {
        d = Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
      } else if (t.endsWith("h")) {
        d = Duration.ofHours(Long.parseLong(t.substring(0, t.length() - 1)));
      } else {
        throw new NumberFormatException();
      }
      if (d.isZero() || d.isNegative()) {
        throw new NumberFormatException();
      }
      return d;
    } catch (RuntimeException e) {
      throw new ParameterException(
          spec.commandLine(),
          "--time must be a positive duration such as 30s, 5m, 2h or PT1M: " + text);
    }
  }

  private static ProgressBar progressBar(PrintWriter err, Budget budget, int start) {
    ProgressBar bar = ProgressBars.ascii(err, "optimize", budget.maxEvaluations(), " evals");
    bar.stepTo(Math.min(start, budget.maxEvaluations()));
    return bar;
  }

  private static int fail(String message) {
    throw new CommandFailure(message);
  }

  private PrintWriter out() {
    return spec.commandLine().getOut();
  }

  private PrintWriter err() {
    return spec.commandLine().getErr();
  }
}
