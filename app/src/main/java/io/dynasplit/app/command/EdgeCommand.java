package io.dynasplit.app.command;

import io.dynasplit.app.http.HttpSettings;
import io.dynasplit.app.http.NodeInfo;
import io.dynasplit.app.http.Observability;
import io.dynasplit.app.profile.AutoProfiler;
import io.dynasplit.app.profile.DataPlaneSetup;
import io.dynasplit.app.profile.PlaneOptions;
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
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
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
          + " dynasplit/v1/edge/ID/requests, schedules each over its model's pareto front, runs the"
          + " head and sends the rest to the cloud workers.",
      "Fronts come from FRONTS/MODEL.json, else a default front (all on the edge); a front"
          + " published retained on dynasplit/v1/edge/ID/pareto/MODEL replaces it while running.",
      "With --autoprofile, each served model without a front file is profiled in the background"
          + " as `dynasplit up` does: through a private broker and cloud worker in this process, so"
          + " the tail runs on this machine, not on the real cloud (a first front to split with;"
          + " `dynasplit optimize --live` or a front measured against the real cloud is better);"
          + " the front goes to FRONTS/MODEL.json and is published retained to this edge."
    },
    footer = {
      "",
      "Example:",
      "  dynasplit edge --broker-host broker.lan --edge-id pi-1 --fronts fronts/"
    })
public final class EdgeCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin BrokerOptions broker;

  @Mixin ConfigFileOption config;

  @Mixin UsbPowerOptions usb;

  @Mixin EdgeNodeOptions node;

  @Mixin MaxTensorsOption maxTensors;

  @Mixin HttpOption http;

  @Mixin HttpBindOption httpBind;

  @Option(
      names = "--fronts",
      paramLabel = "DIR",
      defaultValue = DataPlaneSetup.DEFAULT_DATA + "/fronts",
      description = "folder of MODEL.json pareto fronts (default: ${DEFAULT-VALUE})")
  Path fronts;

  @Option(
      names = "--max-in-flight",
      paramLabel = "N",
      defaultValue = "64",
      description = "requests admitted at once; past it OVERLOADED (default: ${DEFAULT-VALUE})")
  int maxInFlight;

  @Option(
      names = "--sensor-port",
      paramLabel = "PORT",
      defaultValue = "0",
      description =
          "also accept sensors connecting straight to this edge over MQTT on PORT (ARCHITECTURE"
              + " 4.4); 0 = off (default)")
  int sensorPort;

  @Option(
      names = "--autoprofile",
      negatable = true,
      defaultValue = "false",
      fallbackValue = "true",
      description =
          "profile, in the background, each served model that has no FRONTS/MODEL.json, with a"
              + " cloud worker in this process (default: off)")
  boolean autoprofile;

  @Mixin AutoProfileOptions autoProfileOptions;

  @Override
  public Integer call() throws Exception {
    EdgeSettings settings =
        node.settings(broker.host, broker.port)
            .withCredentials(broker.username, broker.password())
            .withMaxInFlight(maxInFlight)
            .withSensorPort(sensorPort);
    HardwareOptions hardware = usb.edgeHardware(spec); // bad options fail before anything starts
    AutoProfiler.Settings profiling = autoProfileOptions.settings(spec, PlaneOptions.DEFAULT);
    SplitParts parts = maxTensors.parts();
    CatalogModels served = node.served(parts);
    var frontFiles = DataPlaneSetup.readFronts(fronts);
    HttpSettings httpSettings = http.settings(HttpSettings.EDGE_PORT, httpBind.bind);
    PrometheusMeterRegistry registry = Observability.registry();
    Vertx vertx = Observability.vertx(registry);
    DataPlaneSetup.deployOrClose(
        vertx,
        () -> {
          HardwareVerticle hw = DataPlaneSetup.deployHardware(vertx, hardware);
          EdgeNodeVerticle edge =
              new EdgeNodeVerticle(
                  settings,
                  served,
                  node.scheduler(),
                  frontFiles,
                  hw.energyMeter(),
                  hw,
                  ReplyListener.NONE,
                  VersionCommand.projectVersion(),
                  registry);
          vertx.deployVerticle(edge).await(300, TimeUnit.SECONDS);
          Observability.serve(
              vertx,
              httpSettings,
              registry,
              List.of(new NodeInfo("edge", node.edgeId, served.ids(), edge.health())),
              VersionCommand.projectVersion());
        });
    AutoProfiler profiler =
        autoprofile
            ? AutoProfiler.start(
                parts,
                served.ids(),
                profiling,
                fronts,
                node.edgeId,
                new FrontPublisher(settings.broker(), settings.topics()))
            : null;
    DataPlaneSetup.serveUntilInterrupted(
        vertx,
        "edge",
        "dynasplit edge: "
            + node.edgeId
            + " on "
            + broker.host
            + ":"
            + broker.port
            + " serving "
            + served.ids()
            + "; Ctrl-C stops",
        spec.commandLine().getOut(),
        () -> {
          if (profiler != null) {
            profiler.close();
          }
        });
    return 0;
  }
}
