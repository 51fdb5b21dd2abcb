package io.dynasplit.app.command;

import io.dynasplit.app.http.HttpEndpointVerticle;
import io.dynasplit.app.http.HttpSettings;
import io.dynasplit.app.http.NodeInfo;
import io.dynasplit.app.http.Observability;
import io.dynasplit.app.profile.AutoProfiler;
import io.dynasplit.app.profile.DataPlaneSetup;
import io.dynasplit.app.profile.OrderlyStop;
import io.dynasplit.app.profile.PlaneOptions;
import io.dynasplit.broker.BrokerSettings;
import io.dynasplit.broker.EmbeddedBroker;
import io.dynasplit.cloud.CloudNodeVerticle;
import io.dynasplit.cloud.CloudSettings;
import io.dynasplit.cloud.EnergySettings;
import io.dynasplit.edge.EdgeSettings;
import io.dynasplit.edge.hardware.HardwareOptions;
import io.dynasplit.edge.hardware.HardwareVerticle;
import io.dynasplit.edge.inference.CatalogModels;
import io.dynasplit.edge.ingress.ReplyListener;
import io.dynasplit.edge.node.EdgeNodeVerticle;
import io.dynasplit.models.runtime.SplitParts;
import io.dynasplit.optimizer.FrontPublisher;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code dynasplit up}: an embedded broker, one cloud worker and one edge node in one process. */
@Command(
    name = "up",
    mixinStandardHelpOptions = true,
    defaultValueProvider = ConfigFileDefaults.class,
    description = {
      "Run everything in one process: an embedded MQTT broker (HiveMQ CE), one cloud tail worker"
          + " and one edge node serving every present catalog model, until interrupted (Ctrl-C).",
      "The edge schedules each model from DATA/fronts/MODEL.json when present, else from a"
          + " default front that runs the model on the edge; a front published retained on the"
          + " edge's pareto topic replaces it while running (the broker keeps it in memory: put the"
          + " file in DATA/fronts to keep it across restarts, or run with --persistence file).",
      "A model with no front file is autoprofiled in the background (--no-autoprofile: not):"
          + " one model after another, a few requests at each of up to --autoprofile-splits"
          + " candidate splits, through a private broker, cloud worker and edge in this process"
          + " (the same path, set up as this one, so the served edge's requests and live estimates"
          + " are left alone); its front is written to DATA/fronts/MODEL.json and published to the"
          + " edge, which then splits. The next start reuses the file; `dynasplit profile`"
          + " measures more requests.",
      "The energy options (--powercap-root, --nvidia-smi, --idle-watts, --watts-per-core) set the"
          + " cloud worker's meter; --powercap-root also the edge's. The --usb-* options give the"
          + " edge a USB accelerator's power switch."
    },
    footer = {
      "",
      "Example:",
      "  dynasplit up --port 1883 --data dynasplit-data --edge-id edge-1",
      "  dynasplit request --model ppocr-det --image page.png --sla 500"
    })
public final class UpCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin EnergyOptions energy;

  @Mixin UsbPowerOptions usb;

  @Mixin ConfigFileOption config;

  @Mixin EdgeNodeOptions node;

  @Mixin MaxTensorsOption maxTensors;

  @Mixin BrokerPersistenceOption persistence;

  @Mixin HttpOption http;

  @Option(
      names = "--port",
      paramLabel = "P",
      defaultValue = "1883",
      description = "broker MQTT port (default: ${DEFAULT-VALUE}; 0 = any free port)")
  int port;

  @Option(
      names = "--ws-port",
      paramLabel = "P",
      defaultValue = "0",
      description = "broker MQTT over WebSocket port (default: any free port)")
  int wsPort;

  @Option(
      names = "--bind",
      paramLabel = "ADDRESS",
      defaultValue = "127.0.0.1",
      description =
          "address the broker and the HTTP endpoint listen on (default: ${DEFAULT-VALUE}; 0.0.0.0"
              + " for every interface)")
  String bind;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      defaultValue = DataPlaneSetup.DEFAULT_DATA,
      description =
          "broker and state folder; fronts are read from DIR/fronts (default: ${DEFAULT-VALUE})")
  Path data;

  @Option(
      names = "--cloud-id",
      paramLabel = "ID",
      defaultValue = "cloud-1",
      description = "the cloud worker's id (default: ${DEFAULT-VALUE})")
  String cloudId;

  @Option(
      names = "--cloud-instances",
      paramLabel = "N",
      defaultValue = "2",
      description = "tail verticles of the cloud worker (default: ${DEFAULT-VALUE})")
  int cloudInstances;

  @Option(
      names = "--cloud-threads",
      paramLabel = "N",
      defaultValue = "0",
      description =
          "ONNX Runtime intra-op threads per tail session of the cloud worker; 0 = ONNX Runtime's"
              + " default (default: ${DEFAULT-VALUE})")
  int cloudThreads;

  @Option(
      names = "--sensor-port",
      paramLabel = "PORT",
      defaultValue = "0",
      description =
          "also accept sensors connecting straight to the edge over MQTT on PORT (ARCHITECTURE"
              + " 4.4); 0 = off (default)")
  int sensorPort;

  @Option(
      names = "--max-in-flight",
      paramLabel = "N",
      defaultValue = "64",
      description =
          "requests the edge admits at once; past it OVERLOADED (default: ${DEFAULT-VALUE})")
  int maxInFlight;

  @Option(
      names = "--autoprofile",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description =
          "profile, in the background, each served model that has no DATA/fronts/MODEL.json,"
              + " write its front there and publish it to the edge (default: on;"
              + " --no-autoprofile: off)")
  boolean autoprofile;

  @Mixin AutoProfileOptions autoProfileOptions;

  /**
   * What a started {@code up} runs. Closing it stops the autoprofiler, then the nodes, then the
   * broker; what is not started yet is skipped.
   */
  static final class Running implements AutoCloseable {
    private volatile EmbeddedBroker broker;
    private volatile Vertx vertx;
    private volatile AutoProfiler autoProfiler;
    private volatile HttpEndpointVerticle endpoint;

    /** The broker's MQTT port. */
    int brokerPort() {
      return broker.port();
    }

    /** The embedded broker. */
    EmbeddedBroker broker() {
      return broker;
    }

    /** The HTTP endpoint, or null with {@code --http-port 0}. */
    HttpEndpointVerticle endpoint() {
      return endpoint;
    }

    /** The background profiler, or null with {@code --no-autoprofile}. */
    AutoProfiler autoProfiler() {
      return autoProfiler;
    }

    @Override
    public synchronized void close() {
      if (autoProfiler != null) {
        autoProfiler.close();
      }
      if (vertx != null) {
        DataPlaneSetup.close(vertx);
      }
      if (broker != null) {
        broker.close();
      }
    }
  }

  @Override
  public Integer call() throws Exception {
    Running running = new Running();
    CountDownLatch stopped = new CountDownLatch(1);
    OrderlyStop.install(
        "up",
        () -> {
          running.close();
          stopped.countDown();
        });
    start(running);
    stopped.await();
    return 0;
  }

  /**
   * Starts broker, cloud worker, edge node and (unless {@code --no-autoprofile}) the autoprofiler,
   * and prints the banner; the caller closes what it returns.
   */
  Running start() throws Exception {
    Running running = new Running();
    try {
      start(running);
      return running;
    } catch (Exception | Error e) {
      running.close();
      throw e;
    }
  }

  private void start(Running running) throws Exception {
    if (cloudThreads < 0) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--cloud-threads must be >= 0: " + cloudThreads);
    }
    // options first, so bad ones fail before anything starts
    EnergySettings cloudEnergy = energy.cloudEnergy(spec, "cpu");
    HardwareOptions edgeHardware = usb.edgeHardware(spec).withPowercapRoot(energy.powercapRoot());
    AutoProfiler.Settings profiling =
        autoProfileOptions.settings(
            spec, new PlaneOptions(cloudThreads, cloudEnergy, energy.powercapRoot()));
    HttpSettings httpSettings = http.settings(HttpSettings.UP_PORT, bind);
    SplitParts parts = maxTensors.parts();
    CatalogModels served = node.served(parts);
    Path frontsDir = DataPlaneSetup.frontsDir(data);
    var fronts = DataPlaneSetup.readFronts(frontsDir);
    EmbeddedBroker broker =
        EmbeddedBroker.start(
            new BrokerSettings(
                port, wsPort, bind, data.resolve("broker"), persistence.persistence()));
    running.broker = broker;
    PrometheusMeterRegistry registry = Observability.registry();
    Vertx vertx = Observability.vertx(registry);
    running.vertx = vertx;
    String host = "127.0.0.1".equals(bind) || "0.0.0.0".equals(bind) ? "127.0.0.1" : bind;
    CloudSettings cloud =
        CloudSettings.defaults(cloudId, host, broker.port())
            .withInstances(cloudInstances)
            .withThreads(cloudThreads)
            .withEnergy(cloudEnergy);
    EdgeSettings edge =
        node.settings(host, broker.port()).withSensorPort(sensorPort).withMaxInFlight(maxInFlight);
    HardwareVerticle hw = DataPlaneSetup.deployHardware(vertx, edgeHardware);
    CloudNodeVerticle cloudNode =
        new CloudNodeVerticle(cloud, parts, VersionCommand.projectVersion(), registry);
    EdgeNodeVerticle edgeNode =
        new EdgeNodeVerticle(
            edge,
            served,
            node.scheduler(),
            fronts,
            DataPlaneSetup.edgeMeterBesideCloud(hw.energyMeter(), node.edgeId),
            hw,
            ReplyListener.NONE,
            VersionCommand.projectVersion(),
            registry);
    vertx
        .deployVerticle(cloudNode)
        .compose(id -> vertx.deployVerticle(edgeNode))
        .await(300, TimeUnit.SECONDS);
    running.endpoint =
        Observability.serve(
            vertx,
            httpSettings,
            registry,
            List.of(
                new NodeInfo("edge", node.edgeId, served.ids(), edgeNode.health()),
                new NodeInfo("cloud", cloudId, List.of(), cloudNode.health())),
            VersionCommand.projectVersion());
    if (autoprofile) {
      running.autoProfiler =
          AutoProfiler.start(
              parts,
              served.ids(),
              profiling,
              frontsDir,
              node.edgeId,
              new FrontPublisher(edge.broker(), edge.topics()));
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println(
        "dynasplit up: broker on "
            + host
            + ":"
            + broker.port()
            + ", edge "
            + node.edgeId
            + " serving "
            + served.ids()
            + ", cloud worker "
            + cloudId
            + " ("
            + cloudInstances
            + " instances); Ctrl-C stops");
    if (running.endpoint != null) {
      out.println(
          "dashboard: http://"
              + host
              + ":"
              + running.endpoint.port()
              + "/  (metrics: /metrics, health: /health/ready)");
    }
    out.println(
        "try: dynasplit request --broker-port "
            + broker.port()
            + " --edge "
            + node.edgeId
            + " --model "
            + (served.ids().contains("ppocr-det") ? "ppocr-det" : served.ids().get(0))
            + " --random --sla 500");
    out.flush();
  }
}
