package io.dynasplit.app.command;

import io.dynasplit.optimizer.FrontRegret;
import io.dynasplit.optimizer.Hypervolume;
import io.dynasplit.optimizer.Objectives;
import io.dynasplit.optimizer.ReferencePoint;
import io.dynasplit.optimizer.pool.PoolFiles;
import io.dynasplit.optimizer.pool.SimulationPool;
import io.dynasplit.optimizer.pool.SlaWorkload;
import io.dynasplit.optimizer.pool.SlaWorkloadCsv;
import io.dynasplit.schemas.Configuration;
import io.dynasplit.schemas.FrontEntry;
import io.dynasplit.schemas.ParetoFront;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code dynasplit front}: prints a Pareto front, its hypervolume, and how it compares with
 * another.
 */
@Command(
    name = "front",
    mixinStandardHelpOptions = true,
    description = {
      "Print a Pareto front (JSON), its size and its hypervolume on log-scaled objectives"
          + " (log10 latency, log10 energy, and fidelity loss where fidelity varies).",
      "Reference point (default): just beyond the worst entry of each objective (worst x 1.26 for"
          + " latency and energy, fidelity loss + 0.01) over FILE's entries, or over FILE's and"
          + " OTHER's with --against, so the two hypervolumes compare.",
      "With --pool, the reference point covers the pool's mean figures instead, as `dynasplit"
          + " optimize` reports it: give optimize's --pool to print the same hypervolume it"
          + " printed.",
      "With --workload, schedule the requests from the front with the paper's rule (least energy"
          + " meeting the SLA, else the fastest); with --against too, the last line is the front"
          + " regret: FILE's energy per request over OTHER's, minus one."
    })
public final class FrontCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "the front (JSON)")
  Path file;

  @Option(
      names = "--against",
      paramLabel = "OTHER",
      description = "a front to compare with (e.g. the exhaustive one)")
  Path against;

  @Option(
      names = "--workload",
      paramLabel = "FILE",
      description = "SLA workload CSV (Index,Network,Latency)")
  Path workload;

  @Option(
      names = "--pool",
      paramLabel = "POOL",
      description =
          "the pool the front was searched in (the paper's pool CSV, a front JSON or trials JSONL):"
              + " objectives and reference point as `dynasplit optimize --pool POOL` uses them")
  Path pool;

  @Option(
      names = "--network",
      paramLabel = "NAME",
      description = "the network of --workload and --pool (default: the front's model)")
  String network;

  @Mixin ObjectivesOption objectives;

  @Override
  public Integer call() {
    PrintWriter out = out();
    if (network != null && workload == null && pool == null) {
      throw new ParameterException(
          spec.commandLine(), "--network is used only with --workload or --pool");
    }
    ParetoFront front;
    ParetoFront other = null;
    SimulationPool measured = null;
    try {
      front = PoolFiles.readFront(file);
      if (against != null) {
        other = PoolFiles.readFront(against);
      }
      if (pool != null) {
        String net = network != null ? network : front.model();
        PoolFileNames.mismatchWarning(pool, net)
            .ifPresent(w -> err().println("dynasplit front: " + w));
        measured = PoolFiles.read(pool, net);
      }
    } catch (IllegalArgumentException e) {
      return fail(e.getMessage());
    } catch (IOException e) {
      return fail("cannot read: " + IoErrors.describe(e));
    }
    if (front.entries().isEmpty()) {
      return fail(file + ": the front has no entries");
    }
    if (other != null && other.entries().isEmpty()) {
      return fail(against + ": the front has no entries");
    }
    List<FrontEntry> all = new ArrayList<>(front.entries());
    if (other != null) {
      all.addAll(other.entries());
    }
    List<FrontEntry> covered = measured != null ? measured.means() : all;
    Objectives obj = objectives.resolve(spec, covered);

    out.printf(
        Locale.ROOT,
        "front %s: model %s, source %s, created %s%n",
        file,
        front.model(),
        front.source(),
        front.createdAt());
    printTable(out, front.entries());
    out.printf(Locale.ROOT, "front size %d%n", front.entries().size());
    ReferencePoint ref =
        measured != null
            ? ReferencePoint.covering(obj, measured.means())
            : other == null
                ? ReferencePoint.covering(obj, front.entries())
                : ReferencePoint.covering(obj, front.entries(), other.entries());
    out.printf(
        Locale.ROOT,
        "objectives %s; reference point %s (covering %s)%n",
        obj,
        ref.describe(),
        measured != null
            ? "the pool " + pool.getFileName()
            : other == null ? "the front" : "both fronts");
    double hv = Hypervolume.of(front.entries(), ref);
    out.printf(Locale.ROOT, "log hypervolume %.6f%n", hv);
    if (other != null) {
      double hvOther = Hypervolume.of(other.entries(), ref);
      out.printf(
          Locale.ROOT,
          "other %s: model %s, source %s, front size %d%n",
          against,
          other.model(),
          other.source(),
          other.entries().size());
      out.printf(Locale.ROOT, "other log hypervolume %.6f%n", hvOther);
      out.printf(Locale.ROOT, "hypervolume ratio %.6f%n", hv / hvOther);
    }
    if (workload != null) {
      String net = network != null ? network : front.model();
      SlaWorkload w;
      try {
        w = SlaWorkloadCsv.read(workload, net);
      } catch (IllegalArgumentException e) {
        return fail("--workload: " + e.getMessage());
      } catch (IOException e) {
        return fail("--workload: cannot read: " + IoErrors.describe(e));
      }
      FrontRegret.Schedule mine = FrontRegret.schedule(front.model(), front.entries(), w);
      printSchedule(out, w, net, file, mine);
      if (other != null) {
        FrontRegret.Schedule theirs = FrontRegret.schedule(front.model(), other.entries(), w);
        printSchedule(out, w, net, against, theirs);
        out.printf(
            Locale.ROOT,
            "front regret %.2f%%%n",
            100 * (mine.energyPerRequestJ() / theirs.energyPerRequestJ() - 1));
      }
    }
    return 0;
  }

  /**
   * One line: what scheduling the workload from {@code front} costs per request, and the SLAs it
   * meets.
   */
  private void printSchedule(
      PrintWriter out, SlaWorkload w, String net, Path front, FrontRegret.Schedule schedule) {
    out.printf(
        Locale.ROOT,
        "workload %s (%s, %d requests): %s uses %.4f J per request, SLAs met %.2f%%%n",
        workload.getFileName(),
        net,
        w.size(),
        front.getFileName(),
        schedule.energyPerRequestJ(),
        100 * schedule.slaMetFraction());
  }

  private static int fail(String message) {
    throw new CommandFailure(message);
  }

  static void printTable(PrintWriter out, List<FrontEntry> entries) {
    out.printf(
        Locale.ROOT,
        "%10s %10s %9s %9s %9s %8s %8s %8s  %s%n",
        "latency_ms",
        "p95_ms",
        "energy_j",
        "edge_j",
        "cloud_j",
        "head_ms",
        "tail_ms",
        "fidelity",
        "split/cpu_mhz/edge_acc/threads/codec/cloud_acc");
    for (FrontEntry e : entries) {
      Configuration c = e.config();
      out.printf(
          Locale.ROOT,
          "%10.1f %10.1f %9.3f %9.3f %9.3f %8.1f %8.1f %8s  %d/%d/%s/%d/%s/%s%n",
          e.latencyMs(),
          e.latencyP95Ms(),
          e.energyJ(),
          e.edgeEnergyJ(),
          e.cloudEnergyJ(),
          e.headMs(),
          e.tailMs(),
          e.fidelity() == null ? "-" : String.format(Locale.ROOT, "%.4f", e.fidelity()),
          c.split(),
          c.cpuFreqMHz(),
          c.edgeAccelerator(),
          c.threads(),
          c.codec(),
          c.cloudAccelerator());
    }
  }

  private PrintWriter out() {
    return spec.commandLine().getOut();
  }

  private PrintWriter err() {
    return spec.commandLine().getErr();
  }
}
