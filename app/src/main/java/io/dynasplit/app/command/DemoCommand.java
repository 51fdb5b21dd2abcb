package io.dynasplit.app.command;

import io.dynasplit.app.demo.DemoDataPlane;
import io.dynasplit.app.demo.DemoOutcome;
import io.dynasplit.app.demo.DemoReport;
import io.dynasplit.app.demo.DemoResult;
import io.dynasplit.app.demo.DemoScenario;
import io.dynasplit.app.demo.DemoWorkload;
import io.dynasplit.app.profile.DataPlaneSetup;
import io.dynasplit.app.profile.LiveProfiler;
import io.dynasplit.app.profile.SampleInputs;
import io.dynasplit.app.profile.SplitSweep;
import io.dynasplit.models.runtime.SplitParts;
import io.dynasplit.scheduler.FrontIndex;
import io.dynasplit.scheduler.Policy;
import io.dynasplit.schemas.Codec;
import io.dynasplit.schemas.FrontEntry;
import io.dynasplit.schemas.ParetoFront;
import io.dynasplit.schemas.RequestInput;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dynasplit demo}: one command from a fresh clone to a report: fronts reused or measured, a
 * workload of SLA requests under emulated changing conditions run for each policy through the real
 * data plane, and {@code index.html} with charts and the table of figures.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    subcommands = {DemoChannelCommand.class},
    description = {
      "Run the whole system once and write a report you open in a browser. In this process: an"
          + " embedded MQTT broker, a cloud worker and an edge node; every request and"
          + " intermediate tensor crosses the broker.",
      "1. Fronts: each model's front is read from DIR/fronts/MODEL.json (--data), or measured as"
          + " `dynasplit profile` does (a few splits, few requests) and written there.",
      "2. Workload: --requests requests with tight and loose SLAs (drawn with --seed from the"
          + " front's fastest latency), sent one every --interval-ms on average without waiting"
          + " for replies, the same for every policy.",
      "3. Scenario: normal, a bandwidth drop, normal, a busy cloud, normal. The conditions are"
          + " EMULATED on the cloud worker (the edge and the cloud share this machine): an uplink"
          + " of --drop-mbps holds each tail request for its bytes, one at a time; a busy cloud"
          + " holds the worker --cloud-slowdown times each tail's compute.",
      "4. Each of --policies runs the workload (requests carry their policy), after a short"
          + " warm-up.",
      "5. Report: OUT/index.html, PNG charts (energy and SLAs met per policy against cloud-only,"
          + " the split chosen over time with the phases marked, time per stage, latency over"
          + " time), summary.csv and requests.csv. Progress goes to stderr."
    },
    footer = {
      "",
      "Examples:",
      "  dynasplit demo                      # ppocr-cls, report in dynasplit-demo/index.html",
      "  dynasplit demo --out /tmp/demo --requests 400 --seed 7",
      "  dynasplit demo --models ppocr-cls,tiny-cnn --reprofile",
      "  dynasplit demo channel              # a real throttled channel, against the oracle"
    })
public final class DemoCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      defaultValue = "dynasplit-demo",
      description = "where the report goes (default: ${DEFAULT-VALUE})")
  Path out;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      defaultValue = DataPlaneSetup.DEFAULT_DATA,
      description =
          "data folder: fronts are read from and written to DIR/fronts (default: ${DEFAULT-VALUE})")
  Path data;

  @Option(
      names = "--models",
      paramLabel = "LIST",
      split = ",",
      defaultValue = "ppocr-cls",
      description = "catalog models the requests draw from (default: ${DEFAULT-VALUE})")
  List<String> models;

  @Option(
      names = "--policies",
      paramLabel = "LIST",
      split = ",",
      defaultValue = "adaptive,dynasplit,cloud,edge",
      description = "policies to compare, in order (default: ${DEFAULT-VALUE})")
  List<String> policies;

  @Option(
      names = "--requests",
      paramLabel = "N",
      defaultValue = "200",
      description = "requests per policy (default: ${DEFAULT-VALUE})")
  int requests;

  @Option(
      names = "--interval-ms",
      paramLabel = "MS",
      defaultValue = "40",
      description = "mean gap between requests (default: ${DEFAULT-VALUE})")
  long intervalMs;

  @Option(
      names = "--seed",
      paramLabel = "S",
      defaultValue = "1",
      description = "seed of the workload (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(
      names = "--drop-mbps",
      paramLabel = "MBPS",
      defaultValue = "20",
      description = "emulated uplink during the bandwidth drop, Mbit/s (default: ${DEFAULT-VALUE})")
  double dropMbps;

  @Option(
      names = "--cloud-slowdown",
      paramLabel = "X",
      defaultValue = "6",
      description =
          "how many times longer each tail holds the cloud worker while it is busy (default:"
              + " ${DEFAULT-VALUE})")
  double cloudSlowdown;

  @Option(names = "--reprofile", description = "measure the fronts even where DIR/fronts has them")
  boolean reprofile;

  @Option(
      names = "--profile-splits",
      paramLabel = "K",
      defaultValue = "8",
      description =
          "splits measured per model when profiling, evenly spread, all-cloud and all-edge among"
              + " them (default: ${DEFAULT-VALUE})")
  int profileSplits;

  @Option(
      names = "--profile-n",
      paramLabel = "N",
      defaultValue = "5",
      description = "measured requests per split when profiling (default: ${DEFAULT-VALUE})")
  int profileN;

  @Option(
      names = "--warmup",
      paramLabel = "N",
      defaultValue = "10",
      description =
          "unrecorded requests per policy, one after another, before the first run and again"
              + " before its own (default: ${DEFAULT-VALUE})")
  int warmup;

  @Mixin MaxTensorsOption maxTensors;

  @Option(names = "--no-progress", description = "do not show the progress bars")
  boolean noProgress;

  private static final String SAMPLE_SIZE = "320x240";
  private static final int SAMPLES = 4;

  @Override
  public Integer call() throws Exception {
    long started = System.nanoTime();
    List<Policy> chosen = checkOptions();
    SplitParts parts = maxTensors.parts();
    for (String m : models) {
      if (parts.catalog().find(m).isEmpty()) {
        throw new IllegalArgumentException(
            "--models: unknown model " + m + "; known: " + parts.catalog().ids());
      }
    }
    List<RequestInput> inputs = SampleInputs.of(null, SAMPLE_SIZE, SAMPLES);
    Path frontsDir = DataPlaneSetup.frontsDir(data);
    Map<String, ParetoFront> stored = reprofile ? Map.of() : DataPlaneSetup.readFronts(frontsDir);
    Map<String, ParetoFront> fronts = new LinkedHashMap<>();
    List<String> profiled = new ArrayList<>();
    for (String m : models) {
      ParetoFront f = stored.get(m);
      if (f == null) {
        f = profile(parts, m, inputs, frontsDir);
        profiled.add(m);
      } else {
        err().println("dynasplit demo: reusing the front of " + m + " from " + frontsDir);
      }
      requireBaselines(f, chosen);
      fronts.put(m, f);
    }
    List<DemoWorkload.SlaRange> ranges =
        fronts.values().stream()
            .map(
                f ->
                    new DemoWorkload.SlaRange(
                        f.model(),
                        f.entries().stream().mapToDouble(FrontEntry::latencyMs).min().orElse(1)))
            .toList();
    DemoWorkload workload = DemoWorkload.draw(seed, requests, ranges, inputs.size(), intervalMs);
    DemoScenario scenario = DemoScenario.standard(dropMbps, cloudSlowdown);
    Map<String, List<DemoOutcome>> outcomes = new LinkedHashMap<>();
    List<String> sources;
    try (DemoDataPlane plane = DemoDataPlane.start(parts, fronts.values(), inputs);
        ProgressBar bar =
            noProgress
                ? null
                : ProgressBars.ascii(err(), "demo", (long) requests * chosen.size(), " req")) {
      for (Policy p : chosen) {
        plane.warmUp(p, workload, warmup);
      }
      for (Policy p : chosen) {
        if (bar != null) {
          bar.setExtraMessage(p.wireName());
        }
        outcomes.put(
            p.wireName(),
            plane.run(p, workload, scenario, warmup, bar == null ? () -> {} : bar::step));
      }
      sources = plane.energySources();
    }
    DemoResult result =
        new DemoResult(
            fronts,
            profiled,
            workload,
            scenario,
            chosen.stream().map(Policy::wireName).toList(),
            outcomes,
            sources,
            intervalMs,
            seed,
            (System.nanoTime() - started) / 1e9);
    Path index;
    try {
      index = DemoReport.write(result, out);
    } catch (java.io.IOException e) {
      throw new CommandFailure("cannot write the report to " + out + ": " + IoErrors.describe(e));
    }
    printTable(result);
    out().println("report: " + index.toAbsolutePath());
    return 0;
  }

  private List<Policy> checkOptions() {
    if (requests < 1 || intervalMs < 1 || profileN < 1 || warmup < 0 || profileSplits < 2) {
      throw new IllegalArgumentException(
          "--requests, --interval-ms and --profile-n must be >= 1, --profile-splits >= 2 and"
              + " --warmup >= 0");
    }
    if (!(dropMbps > 0) || !(cloudSlowdown >= 1)) {
      throw new IllegalArgumentException("--drop-mbps must be > 0 and --cloud-slowdown >= 1");
    }
    if (Files.exists(out) && !Files.isDirectory(out)) {
      throw new IllegalArgumentException("--out: " + out + " is a file, not a folder");
    }
    List<Policy> list = new ArrayList<>();
    for (String p : policies) {
      Policy policy = Policy.of(p);
      if (!list.contains(policy)) {
        list.add(policy);
      }
    }
    return list;
  }

  private ParetoFront profile(
      SplitParts parts, String model, List<RequestInput> inputs, Path frontsDir) throws Exception {
    SplitSweep sweep =
        new SplitSweep(
            SplitSweep.evenlySpaced(parts.candidates(model), profileSplits), List.of(Codec.FP32));
    err()
        .println(
            "dynasplit demo: no front of "
                + model
                + " in "
                + frontsDir
                + "; profiling splits "
                + sweep.splits()
                + " through the real path");
    ParetoFront front;
    try (ProgressBar bar =
            noProgress
                ? null
                : ProgressBars.ascii(
                    err(), "profile " + model, (long) sweep.size() * profileN, " req");
        LiveProfiler profiler =
            LiveProfiler.start(
                parts,
                model,
                inputs,
                new LiveProfiler.Settings(profileN, 1),
                bar == null ? null : bar::step)) {
      front = SplitSweep.front(model, sweep.measure(profiler, (done, total, m) -> {}));
    }
    Path target = DataPlaneSetup.frontFile(frontsDir, model);
    DataPlaneSetup.writeFront(target, front);
    err().println("dynasplit demo: front of " + model + " written to " + target);
    return front;
  }

  private static void requireBaselines(ParetoFront f, List<Policy> policies) {
    FrontIndex index = FrontIndex.of(f);
    if (policies.contains(Policy.CLOUD) && index.cloudOnly() < 0) {
      throw new IllegalArgumentException(
          "the front of "
              + f.model()
              + " has no all-cloud (split 0) entry, which the cloud policy needs; run with"
              + " --reprofile to measure one");
    }
    if (policies.contains(Policy.EDGE) && index.edgeOnly() < 0) {
      throw new IllegalArgumentException(
          "the front of "
              + f.model()
              + " has no all-edge entry, which the edge policy needs; run with --reprofile to"
              + " measure one");
    }
  }

  private void printTable(DemoResult result) {
    List<List<String>> rows = DemoReport.rows(result);
    StringBuilder b = new StringBuilder();
    for (String c : DemoReport.COLUMNS) {
      b.append(String.format(Locale.ROOT, "%-12s", c.length() > 11 ? c.substring(0, 11) : c));
    }
    out().println(b.toString().stripTrailing());
    for (List<String> r : rows) {
      StringBuilder line = new StringBuilder();
      r.forEach(c -> line.append(String.format(Locale.ROOT, "%-12s", c)));
      out().println(line.toString().stripTrailing());
    }
  }

  private PrintWriter out() {
    return spec.commandLine().getOut();
  }

  private PrintWriter err() {
    return spec.commandLine().getErr();
  }
}
