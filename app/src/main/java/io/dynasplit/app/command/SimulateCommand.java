package io.dynasplit.app.command;

import io.dynasplit.app.report.SimulationCharts;
import io.dynasplit.app.report.SimulationReport;
import io.dynasplit.optimizer.Fronts;
import io.dynasplit.optimizer.pool.PoolFiles;
import io.dynasplit.optimizer.pool.SimulationPool;
import io.dynasplit.optimizer.pool.SlaWorkload;
import io.dynasplit.optimizer.pool.SlaWorkloadCsv;
import io.dynasplit.optimizer.simulation.Scenario;
import io.dynasplit.optimizer.simulation.ScenarioCsv;
import io.dynasplit.optimizer.simulation.SimulationResult;
import io.dynasplit.optimizer.simulation.Simulator;
import io.dynasplit.optimizer.simulation.Strategy;
import io.dynasplit.scheduler.AdaptiveSettings;
import io.dynasplit.schemas.ParetoFront;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dynasplit simulate}: replays a workload of SLAs against a pool of measured configurations.
 */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    description = {
      "Replay a workload of SLAs against a pool of measured configurations, as the DynaSplit"
          + " paper's simulator did: each request's outcome is one measured run of the"
          + " configuration a strategy chose.",
      "Writes summary.csv, requests.csv and PNG charts to --out and prints the summary table.",
      "Strategies: dynasplit (the paper's rule over the front), adaptive (the same rule over live"
          + " estimates), oracle (knows the scenario), cloud, edge, energy, latency (the paper's"
          + " fixed baselines)."
    })
public final class SimulateCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--pool",
      required = true,
      paramLabel = "FILE",
      description = "Measured runs: the paper's pool CSV, a front JSON or a trials JSONL.")
  Path pool;

  @Option(
      names = "--workload",
      required = true,
      paramLabel = "FILE",
      description =
          "SLA workload CSV with columns Index,Network,Latency (the paper's"
              + " network_latency_*_samples.csv).")
  Path workload;

  @Option(
      names = "--network",
      required = true,
      paramLabel = "NAME",
      description = "The network (model) whose requests to replay, e.g. vgg16.")
  String network;

  @Option(
      names = "--strategies",
      paramLabel = "LIST",
      defaultValue = "dynasplit,adaptive,oracle,cloud,edge,energy,latency",
      description = "Comma-separated strategies (default: ${DEFAULT-VALUE}).")
  String strategies;

  @Option(
      names = "--front",
      paramLabel = "FILE",
      description = "Pareto front JSON to choose from (default: the exhaustive front of the pool).")
  Path front;

  @Option(
      names = "--scenario",
      paramLabel = "FILE",
      description =
          "Scenario CSV: an axis column (request, fraction or time_s) and bandwidth_factor,"
              + " cloud_load_factor; each row holds from its position until the next.")
  Path scenario;

  @Option(
      names = "--seed",
      paramLabel = "S",
      defaultValue = "1",
      description = "Seed of the random draws (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      defaultValue = "simulation",
      description = "Output folder (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(
      names = "--quantile",
      paramLabel = "Q",
      description = "Quantile of the adaptive policy's live predictions, in (0, 1) (default: 0.5).")
  Double quantile;

  @Option(
      names = "--window",
      paramLabel = "N",
      description = "Observations each live estimate keeps (default: 32).")
  Integer window;

  @Option(
      names = "--max-age",
      paramLabel = "N",
      description =
          "Requests after which an unrefreshed live estimate falls back to the profile (default:"
              + " 100).")
  Integer maxAge;

  @Option(
      names = "--evidence",
      paramLabel = "Z",
      description =
          "How sure the adaptive policy's observations must be before an estimate leaves the"
              + " profile, in standard errors of its window's mean; 0 trusts every observation"
              + " (default: 2).")
  Double evidence;

  @Option(names = "--no-charts", description = "Do not draw the PNG charts.")
  boolean noCharts;

  @Option(names = "--no-progress", description = "Do not show the progress bar.")
  boolean noProgress;

  @Override
  public Integer call() {
    AdaptiveSettings settings = AdaptiveSettings.DEFAULT;
    try {
      if (quantile != null) {
        settings = settings.withQuantile(quantile);
      }
      if (window != null) {
        settings = settings.withWindow(window);
      }
      if (maxAge != null) {
        settings = settings.withMaxAgeRequests(maxAge);
      }
      if (evidence != null) {
        settings = settings.withEvidence(evidence);
      }
    } catch (IllegalArgumentException e) {
      return fail(e.getMessage());
    }
    List<Strategy> chosen;
    SimulationPool measured;
    SlaWorkload requests;
    ParetoFront candidates;
    Scenario conditions;
    Simulator simulator;
    try {
      chosen = Strategy.parseList(strategies);
      requireFile(pool, "--pool");
      requireFile(workload, "--workload");
      if (Files.exists(out) && !Files.isDirectory(out)) {
        return fail("--out: " + out + " is a file, not a folder");
      }
      // first the workload: it refuses a network it has no requests for, naming the ones it has
      requests = SlaWorkloadCsv.read(workload, network);
      PoolFileNames.mismatchWarning(pool, network)
          .ifPresent(w -> err().println("dynasplit simulate: " + w));
      measured = PoolFiles.read(pool, network);
      if (front != null) {
        requireFile(front, "--front");
        candidates = PoolFiles.readFront(front);
        if (!candidates.model().equalsIgnoreCase(network)) {
          return fail(
              front
                  + ": the front is for model '"
                  + candidates.model()
                  + "', not '"
                  + network
                  + "'");
        }
      } else {
        candidates = Fronts.exhaustive(measured, Instant.now());
      }
      if (scenario != null) {
        requireFile(scenario, "--scenario");
        conditions = ScenarioCsv.read(scenario);
      } else {
        conditions = Scenario.NONE;
      }
      simulator = new Simulator(measured, candidates, requests, conditions, seed, settings);
    } catch (IllegalArgumentException e) {
      return fail(e.getMessage());
    } catch (IOException e) {
      return fail("cannot read input: " + IoErrors.describe(e));
    }

    SimulationResult result;
    if (noProgress) {
      result = simulator.run(chosen, () -> {});
    } else {
      try (ProgressBar bar =
          ProgressBars.ascii(err(), "simulate", simulator.totalRequests(chosen), " req")) {
        result = simulator.run(chosen, bar::step);
      }
    }

    try {
      Files.createDirectories(out);
      SimulationReport.writeSummary(result, out.resolve("summary.csv"));
      SimulationReport.writeRequests(result, out.resolve("requests.csv"));
    } catch (IOException e) {
      return fail("cannot write to --out " + out + ": " + IoErrors.describe(e));
    }
    String title =
        network
            + ", "
            + requests.size()
            + " requests, "
            + candidates.entries().size()
            + "-entry front"
            + (conditions.isNone() ? "" : ", scenario " + scenario.getFileName());
    out().println(title + " (seed " + seed + ", adaptive quantile " + settings.quantile() + ")");
    out().print(SimulationReport.table(result));
    if (!noCharts) {
      try {
        SimulationCharts.writeAll(result, out, title);
      } catch (IOException | RuntimeException | Error e) {
        // fonts or AWT may be missing on a bare server: the tables are written, say what is missing
        err()
            .println(
                "dynasplit simulate: charts not drawn ("
                    + e
                    + "); summary.csv and"
                    + " requests.csv are written");
      }
    }
    out()
        .println(
            "wrote "
                + out.resolve("summary.csv")
                + ", "
                + out.resolve("requests.csv")
                + (noCharts ? "" : " and charts " + String.join(", ", SimulationCharts.FILES)));
    return 0;
  }

  private static void requireFile(Path file, String option) {
    if (!Files.exists(file)) {
      throw new IllegalArgumentException(option + ": no such file: " + file);
    }
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(option + ": not a regular file: " + file);
    }
  }

  /** Refuses the run with exit 2 and one line through {@link io.dynasplit.app.CliErrors}. */
  private static int fail(String message) {
    throw new IllegalArgumentException(message);
  }

  private PrintWriter out() {
    return spec.commandLine().getOut();
  }

  private PrintWriter err() {
    return spec.commandLine().getErr();
  }
}
