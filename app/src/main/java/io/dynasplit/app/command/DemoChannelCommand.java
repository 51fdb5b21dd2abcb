package io.dynasplit.app.command;

import io.dynasplit.app.channel.ChannelExperiment;
import io.dynasplit.app.channel.ChannelReport;
import io.dynasplit.app.channel.ChannelResult;
import io.dynasplit.app.channel.ChannelShaping;
import io.dynasplit.app.profile.LiveProfiler;
import io.dynasplit.app.profile.SampleInputs;
import io.dynasplit.models.runtime.SplitParts;
import io.dynasplit.schemas.Codec;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dynasplit demo channel}: the edge's link to the cloud through a real throttling TCP proxy
 * whose bandwidth is cut mid-run, against the simulator's oracle ({@link ChannelExperiment}).
 */
@Command(
    name = "channel",
    mixinStandardHelpOptions = true,
    description = {
      "A slow channel, for real. In this process: an embedded broker, a cloud worker and an edge"
          + " node whose tail client reaches the broker through a throttling TCP proxy (token"
          + " bucket per direction, added delay). The edge device is EMULATED --edge-slowdown"
          + " times slower than this machine (otherwise the whole model on the edge always wins"
          + " here and nothing is split).",
      "1. Profiles --model through the channel at --mbps: evenly spaced splits times fp32, fp16,"
          + " int8.",
      "2. Sends --requests-per-phase requests with SLAs drawn between the fastest split and past"
          + " the whole model on the edge, one every --interval-ms, in three phases: normal, the"
          + " bandwidth times --cut, normal.",
      "3. Replays the same SLAs and conditions in the simulator over the profiled runs (oracle"
          + " and adaptive) and prints both, phase by phase.",
      "Writes channel-phases.csv, channel-requests.csv, channel-front.json and channel.png to"
          + " --out."
    },
    footer = {
      "",
      "Examples:",
      "  dynasplit demo channel",
      "  dynasplit demo channel --mbps 50 --cut 0.05 --requests-per-phase 300 --out /tmp/ch"
    })
public final class DemoChannelCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      defaultValue = "dynasplit-demo",
      description = "where the files go (default: ${DEFAULT-VALUE})")
  Path out;

  @Option(
      names = "--model",
      paramLabel = "ID",
      defaultValue = "ppocr-cls",
      description = "catalog model (default: ${DEFAULT-VALUE})")
  String model;

  @Option(
      names = "--mbps",
      paramLabel = "MBPS",
      defaultValue = "20",
      description =
          "the channel's bandwidth each way under normal conditions (default: ${DEFAULT-VALUE})")
  double mbps;

  @Option(
      names = "--delay-ms",
      paramLabel = "MS",
      defaultValue = "5",
      description = "delay the channel adds each way (default: ${DEFAULT-VALUE})")
  double delayMs;

  @Option(
      names = "--cut",
      paramLabel = "F",
      defaultValue = "0.1",
      description =
          "the bandwidth in the middle phase, as a share of normal (default: ${DEFAULT-VALUE})")
  double cut;

  @Option(
      names = "--edge-slowdown",
      paramLabel = "X",
      defaultValue = "40",
      description =
          "how many times slower the emulated edge device computes than this machine (default:"
              + " ${DEFAULT-VALUE})")
  double edgeSlowdown;

  @Option(
      names = "--requests-per-phase",
      paramLabel = "N",
      defaultValue = "150",
      description = "live requests in each of the three phases (default: ${DEFAULT-VALUE})")
  int requestsPerPhase;

  @Option(
      names = "--interval-ms",
      paramLabel = "MS",
      defaultValue = "100",
      description = "gap between requests (default: ${DEFAULT-VALUE})")
  long intervalMs;

  @Option(
      names = "--profile-splits",
      paramLabel = "K",
      defaultValue = "6",
      description = "splits profiled, evenly spread (default: ${DEFAULT-VALUE})")
  int profileSplits;

  @Option(
      names = "--seed",
      paramLabel = "S",
      defaultValue = "1",
      description = "seed of the SLAs and the simulator (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--no-progress", description = "do not show the progress bar")
  boolean noProgress;

  @Mixin MaxTensorsOption maxTensors;

  @Override
  public Integer call() throws Exception {
    if (!(mbps > 0) || !(delayMs >= 0) || !(cut > 0 && cut < 1) || !(edgeSlowdown >= 1)) {
      throw new IllegalArgumentException(
          "--mbps must be > 0, --delay-ms >= 0, --cut in (0, 1) and --edge-slowdown >= 1");
    }
    if (Files.exists(out) && !Files.isDirectory(out)) {
      throw new IllegalArgumentException("--out: " + out + " is a file, not a folder");
    }
    SplitParts parts = maxTensors.parts();
    if (parts.catalog().find(model).isEmpty()) {
      throw new IllegalArgumentException(
          "--model: unknown model " + model + "; known: " + parts.catalog().ids());
    }
    List<Codec> codecs = List.of(Codec.FP32, Codec.FP16, Codec.INT8);
    LiveProfiler.Settings profile = new LiveProfiler.Settings(5, 2);
    ChannelExperiment.Settings settings =
        new ChannelExperiment.Settings(
            model,
            edgeSlowdown,
            new ChannelShaping(mbps, mbps, delayMs),
            cut,
            profileSplits,
            codecs,
            profile,
            requestsPerPhase,
            intervalMs,
            30,
            seed);
    long steps = (long) profileSplits * codecs.size() * profile.n() + 3L * requestsPerPhase;
    ChannelResult result;
    try (ProgressBar bar =
        noProgress ? null : ProgressBars.ascii(err(), "demo channel", steps, " req")) {
      result =
          ChannelExperiment.run(
              parts,
              SampleInputs.of(null, "320x240", 4),
              settings,
              bar == null ? () -> {} : bar::step);
    }
    List<Path> files;
    try {
      files = ChannelReport.write(result, out);
    } catch (IOException e) {
      throw new CommandFailure("cannot write to " + out + ": " + IoErrors.describe(e));
    }
    out()
        .printf(
            Locale.ROOT,
            "%s through %s, edge emulated %sx slower, SLAs %s; %.0f s%n",
            model,
            settings.normal(),
            edgeSlowdown,
            result.slas(),
            result.seconds());
    StringBuilder header = new StringBuilder();
    ChannelReport.COLUMNS.forEach(c -> header.append(String.format(Locale.ROOT, "%-14s", c)));
    out().println(header.toString().stripTrailing());
    for (List<String> row : ChannelReport.rows(result)) {
      StringBuilder line = new StringBuilder();
      row.forEach(c -> line.append(String.format(Locale.ROOT, "%-14s", c)));
      out().println(line.toString().stripTrailing());
    }
    files.forEach(f -> out().println("wrote " + f.toAbsolutePath()));
    return 0;
  }

  private PrintWriter out() {
    return spec.commandLine().getOut();
  }

  private PrintWriter err() {
    return spec.commandLine().getErr();
  }
}
