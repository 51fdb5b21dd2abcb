package io.dynasplit.app;

import io.dynasplit.edge.hardware.HardwareOptions;
import io.dynasplit.edge.hardware.HardwareVerticle;
import io.dynasplit.edge.inference.CatalogModels;
import io.dynasplit.edge.ingress.EdgeSettings;
import io.dynasplit.edge.ingress.ReplyListener;
import io.dynasplit.edge.pipeline.EdgeNodeVerticle;
import io.dynasplit.edge.scheduler.Policy;
import io.dynasplit.models.runtime.SplitParts;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code dynasplit edge}: an edge node on a broker. */
@Command(
    name = "edge",
    mixinStandardHelpOptions = true,
    defaultValueProvider = ConfigFileDefaults.class,
    description = {
      "Run an edge node on an MQTT broker until interrupted: it takes requests on"
          + " dynasplit/v1/edge/ID/requests, schedules each over its model's pareto front, runs the head and"
          + " sends the rest to the cloud workers.",
      "Fronts come from FRONTS/MODEL.json, else a default front (all on the edge); a front published retained"
          + " on dynasplit/v1/edge/ID/pareto/MODEL replaces it while running."
    },
    footer = {"", "Example:", "  dynasplit edge --broker-host broker.lan --edge-id pi-1 --fronts fronts/"})
public final class EdgeCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin BrokerOptions broker;

  @Mixin ConfigFileOption config;

  @Mixin UsbPowerOptions usb;

  @Option(names = "--edge-id", paramLabel = "ID", defaultValue = "edge-1", description = "the edge's id in topics (default: ${DEFAULT-VALUE})")
  String edgeId;

  @Option(names = "--fronts", paramLabel = "DIR", defaultValue = DataPlaneSetup.DEFAULT_DATA + "/fronts", description = "folder of MODEL.json pareto fronts (default: ${DEFAULT-VALUE})")
  Path fronts;

  @Option(names = "--models", paramLabel = "ID", split = ",", description = "catalog models to serve (default: every present one)")
  List<String> models;

  @Option(names = "--policy", paramLabel = "POLICY", defaultValue = "adaptive", description = "scheduling policy of requests that name none: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
  Policy policy;

  @Option(names = "--max-in-flight", paramLabel = "N", defaultValue = "64", description = "requests admitted at once; past it OVERLOADED (default: ${DEFAULT-VALUE})")
  int maxInFlight;

  @Option(names = "--grace-ms", paramLabel = "MS", defaultValue = "2000", description = "time past a request's deadline before it is given up (default: ${DEFAULT-VALUE})")
  long graceMs;

  @Option(names = "--head-workers", paramLabel = "N", defaultValue = "2", description = "concurrent edge inferences (default: ${DEFAULT-VALUE})")
  int headWorkers;

  @Option(names = "--sensor-port", paramLabel = "PORT", defaultValue = "0", description = "also accept sensors connecting straight to this edge over MQTT on PORT (ARCHITECTURE 4.4); 0 = off (default)")
  int sensorPort;

  @Option(names = "--max-tensors", paramLabel = "K", defaultValue = "1", description = "most tensors a candidate split may send (default: ${DEFAULT-VALUE})")
  int maxTensors;

  @Override
  public Integer call() throws Exception {
    EdgeSettings settings = EdgeSettings.defaults(edgeId, broker.host, broker.port)
        .withCredentials(broker.username, broker.password())
        .withMaxInFlight(maxInFlight)
        .withGraceMs(graceMs)
        .withHeadWorkers(headWorkers)
        .withSensorPort(sensorPort);
    HardwareOptions hardware = DataPlaneSetup.edgeHardware(usb, spec); // bad options fail before anything starts
    SplitParts parts = DataPlaneSetup.parts(maxTensors);
    CatalogModels served = DataPlaneSetup.models(parts, models);
    var frontFiles = DataPlaneSetup.readFronts(fronts);
    Vertx vertx = DataPlaneSetup.vertx();
    try {
      HardwareVerticle hw = DataPlaneSetup.deployHardware(vertx, hardware);
      vertx.deployVerticle(new EdgeNodeVerticle(settings, served, DataPlaneSetup.scheduler(policy),
              frontFiles, hw.energyMeter(), hw, ReplyListener.NONE, VersionCommand.projectVersion()))
          .await(300, TimeUnit.SECONDS);
    } catch (Exception | Error e) {
      DataPlaneSetup.close(vertx);
      throw e;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      DataPlaneSetup.close(vertx);
      stopped.countDown();
    }, "dynasplit-edge-shutdown"));
    System.out.println("dynasplit edge: " + edgeId + " on " + broker.host + ":" + broker.port + " serving "
        + served.ids() + "; Ctrl-C stops");
    System.out.flush();
    stopped.await();
    return 0;
  }
}
