package io.dynasplit.app.command;

import io.dynasplit.app.bench.DataPlaneBench;
import io.dynasplit.app.bench.MosquittoBroker;
import io.dynasplit.app.profile.DataPlaneSetup;
import io.dynasplit.app.profile.LiveProfiler;
import io.dynasplit.app.profile.SampleInputs;
import io.dynasplit.models.runtime.SplitParts;
import io.dynasplit.schemas.Codec;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dynasplit bench dataplane}: the data plane's transfer and overhead next to its floor. */
@Command(
    name = "dataplane",
    mixinStandardHelpOptions = true,
    description = {
      "Measure, in one run, the data plane against the floor of the same bytes: for each model at"
          + " one split and each codec, N requests one at a time through an in-process broker,"
          + " cloud worker and edge (transfer, queue, head, tail, post-processing, overhead), then"
          + " a bare MQTT 5 echo of the same request and answer sizes through the same broker and"
          + " through Mosquitto with TCP_NODELAY (our client on both ends); prints each transfer"
          + " over its floors.",
      "Then the classifier's throughput with binary tensor frames at --in-flight requests in"
          + " flight (through `dynasplit request`), next to the compute bound cores / (head +"
          + " tail)."
    },
    footer = {"", "Example:", "  dynasplit bench dataplane --models ppocr-det --codecs fp32,int8"})
public final class BenchDataplaneCommand implements Callable<Integer> {

  /** The split the detector is measured at when not told (7.37 MB of fp32 cross it). */
  static final int DETECTOR_SPLIT = 286;

  @Spec CommandSpec spec;

  @Option(
      names = "--models",
      split = ",",
      paramLabel = "LIST",
      defaultValue = "ppocr-cls,ppocr-det",
      description = "catalog models (default: ${DEFAULT-VALUE})")
  List<String> models;

  @Option(
      names = "--split",
      paramLabel = "MODEL=N",
      description =
          "the split of a model (default: "
              + DETECTOR_SPLIT
              + " for ppocr-det, the middle candidate for the others)")
  Map<String, Integer> splits = new LinkedHashMap<>();

  @Option(
      names = "--codecs",
      paramLabel = "LIST",
      defaultValue = "fp32,fp16,int8",
      description =
          "intermediate tensor encodings, of "
              + LiveSpaceOptions.CODECS_HELP
              + " (default: ${DEFAULT-VALUE})")
  String codecs;

  @Option(
      names = "--n",
      paramLabel = "N",
      defaultValue = "30",
      description = "measured requests and echoes per row (default: ${DEFAULT-VALUE})")
  int n;

  @Option(
      names = "--warmup",
      paramLabel = "N",
      defaultValue = "5",
      description = "least warm-up requests per row, as in profile (default: ${DEFAULT-VALUE})")
  int warmup;

  @Option(
      names = "--no-mosquitto",
      description = "skip the Mosquitto floor (it needs the mosquitto package)")
  boolean noMosquitto;

  @Option(
      names = "--throughput-model",
      paramLabel = "ID",
      defaultValue = "ppocr-cls",
      description =
          "the model of the throughput run, if among --models; none to skip (default:"
              + " ${DEFAULT-VALUE})")
  String throughputModel;

  @Option(
      names = "--in-flight",
      paramLabel = "K",
      defaultValue = "16",
      description = "requests in flight in the throughput run (default: ${DEFAULT-VALUE})")
  int inFlight;

  @Option(
      names = "--throughput-requests",
      paramLabel = "N",
      defaultValue = "600",
      description = "requests of the throughput run (default: ${DEFAULT-VALUE})")
  int throughputRequests;

  @Override
  public Integer call() throws Exception {
    if (n < 1 || warmup < 0 || inFlight < 1 || throughputRequests < 1) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--n, --in-flight and --throughput-requests must be >= 1 and --warmup >= 0");
    }
    List<Codec> codecList = LiveSpaceOptions.codecs(spec, codecs);
    SplitParts parts = DataPlaneSetup.parts(SplitParts.DEFAULT_MAX_TENSORS);
    Map<String, Integer> chosen = new LinkedHashMap<>();
    for (String model : models) {
      if (parts.catalog().find(model).isEmpty()) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "unknown model " + model + "; known: " + parts.catalog().ids());
      }
      chosen.put(model, split(spec, parts, model, splits));
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<DataPlaneBench.Row> rows = new ArrayList<>();
    List<String> throughput = new ArrayList<>();
    MosquittoBroker mosquitto = noMosquitto ? null : MosquittoBroker.start();
    try (ProgressBar bar =
        ProgressBars.ascii(
            err, "bench dataplane", (long) chosen.size() * codecList.size() * n, " requests")) {
      for (Map.Entry<String, Integer> m : chosen.entrySet()) {
        String model = m.getKey();
        int split = m.getValue();
        rows.addAll(
            DataPlaneBench.measure(
                parts,
                model,
                split,
                codecList,
                SampleInputs.of(null, "640x480", 4),
                n,
                warmup,
                mosquitto,
                bar::step,
                model.equals(throughputModel)
                    ? (profiler, measured) ->
                        throughput.add(throughputRun(profiler, model, split, measured))
                    : null));
      }
    } finally {
      if (mosquitto != null) {
        mosquitto.close();
      }
    }
    print(out, rows);
    throughput.forEach(out::println);
    out.flush();
    return 0;
  }

  /**
   * The split a bench measures a model at: {@code --split MODEL=N} if given, else {@link
   * #DETECTOR_SPLIT} for ppocr-det and the middle candidate for the others.
   *
   * @throws CommandLine.ParameterException when the split is not a candidate that sends a tensor
   */
  static int split(CommandSpec spec, SplitParts parts, String model, Map<String, Integer> splits) {
    List<Integer> candidates = parts.candidates(model);
    int split =
        splits.getOrDefault(
            model,
            model.equals("ppocr-det") && candidates.contains(DETECTOR_SPLIT)
                ? DETECTOR_SPLIT
                : candidates.get(candidates.size() / 2));
    if (!candidates.contains(split) || split == 0 || split >= parts.allEdgeSplit(model)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--split " + model + "=" + split + " is not a candidate that sends a tensor");
    }
    return split;
  }

  /** Classifier frames at {@code inFlight} through {@code dynasplit request}, against the bound. */
  private String throughputRun(
      LiveProfiler profiler, String model, int split, List<DataPlaneBench.Row> soFar)
      throws Exception {
    StringWriter text = new StringWriter();
    CommandLine request = new CommandLine(new RequestCommand());
    request.setOut(new PrintWriter(text, true));
    request.setErr(new PrintWriter(text, true));
    int exit =
        request.execute(
            "--broker-host",
            profiler.brokerHost(),
            "--broker-port",
            String.valueOf(profiler.brokerPort()),
            "--edge",
            profiler.edgeId(),
            "--model",
            model,
            "--random-tensor",
            "--frame",
            "--sla",
            "10000",
            "--count",
            String.valueOf(throughputRequests),
            "--concurrency",
            String.valueOf(inFlight),
            "--warmup",
            String.valueOf(Math.min(100, throughputRequests)),
            "--timeout",
            "300");
    Matcher m = Pattern.compile("throughput ([0-9.]+) replies/s").matcher(text.toString());
    if (exit != 0 || !m.find()) {
      return "throughput run failed (exit " + exit + "): " + text.toString().strip();
    }
    double perS = Double.parseDouble(m.group(1));
    // head and tail of the last codec's row, measured one at a time in this run
    DataPlaneBench.Row last = soFar.get(soFar.size() - 1);
    int cores = Runtime.getRuntime().availableProcessors();
    double bound = cores * 1000.0 / (last.headMs() + last.tailMs());
    return String.format(
        Locale.ROOT,
        "throughput %s split %d %s frames at %d in flight: %.1f replies/s; compute bound %d cores"
            + " / (head %.2f + tail %.2f ms) = %.1f/s; %.0f%% of the bound",
        model,
        split,
        last.codec(),
        inFlight,
        perS,
        cores,
        last.headMs(),
        last.tailMs(),
        bound,
        100 * perS / bound);
  }

  private static void print(PrintWriter out, List<DataPlaneBench.Row> rows) {
    out.println(
        "model       split codec   bytes out  bytes back  transfer  own floor  x own  mosq floor"
            + "  x mosq   total  queue   head   tail   post  overhead");
    for (DataPlaneBench.Row r : rows) {
      out.printf(
          Locale.ROOT,
          "%-10s %6d %-5s %11d %11d %9.2f %10.2f %6.2f %11s %7s %7.1f %6.1f %6.1f %6.1f %6.1f"
              + " %8.0f%%%n",
          r.model(),
          r.split(),
          r.codec().wireName(),
          r.bytesOut(),
          r.bytesBack(),
          r.transferMs(),
          r.ownFloorMs(),
          r.ownRatio(),
          Double.isNaN(r.mosquittoFloorMs())
              ? "-"
              : String.format(Locale.ROOT, "%.2f", r.mosquittoFloorMs()),
          Double.isNaN(r.mosquittoFloorMs())
              ? "-"
              : String.format(Locale.ROOT, "%.2f", r.mosquittoRatio()),
          r.totalMs(),
          r.queueMs(),
          r.headMs(),
          r.tailMs(),
          r.postMs(),
          100 * r.overhead());
    }
    out.println(
        "times p50 ms; transfer: tail round trip minus the cloud's time; floors: a bare MQTT 5"
            + " echo of the same bytes out and back, QoS 1; overhead: share of the total that is"
            + " none of queue (decoding, pre-processing), head, tail and post-processing");
  }
}
