package io.dynasplit.app.command;

import io.dynasplit.app.http.HttpSettings;
import io.dynasplit.app.http.NodeInfo;
import io.dynasplit.app.http.Observability;
import io.dynasplit.app.profile.DataPlaneSetup;
import io.dynasplit.app.profile.ServedParts;
import io.dynasplit.cloud.CloudNodeVerticle;
import io.dynasplit.cloud.CloudSettings;
import io.dynasplit.models.runtime.SplitParts;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code dynasplit cloud}: a cloud tail worker on a broker. */
@Command(
    name = "cloud",
    mixinStandardHelpOptions = true,
    defaultValueProvider = ConfigFileDefaults.class,
    description = {
      "Run a cloud tail worker on an MQTT broker until interrupted: it shares"
          + " dynasplit/v1/cloud/tail with every other worker (MQTT 5 shared subscription), runs"
          + " the tail of each split request and answers on the edge's response topic. Start"
          + " several, here or on other machines, to share the load.",
      "Each tail's energy is metered with the best source here: nvidia-smi when the tails run on"
          + " the gpu and nvidia-smi is on the PATH, else RAPL where readable, else the power model"
          + " (--idle-watts, --watts-per-core; calibrate them with `dynasplit hw --calibrate`); the"
          + " log says which."
    },
    footer = {
      "",
      "Example:",
      "  dynasplit cloud --broker-host broker.lan --worker-id gpu-1 --accelerator gpu --instances 4"
    })
public final class CloudCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin BrokerOptions broker;

  @Mixin HttpOption http;

  @Mixin HttpBindOption httpBind;

  @Mixin ConfigFileOption config;

  @Option(
      names = "--models",
      paramLabel = "ID",
      split = ",",
      description = "catalog models whose tails this worker serves (default: every present one)")
  List<String> models;

  @Mixin EnergyOptions energy;

  @Option(
      names = "--worker-id",
      paramLabel = "ID",
      defaultValue = "cloud-1",
      description = "the worker's id in topics (default: ${DEFAULT-VALUE})")
  String workerId;

  @Option(
      names = "--instances",
      paramLabel = "N",
      defaultValue = "2",
      description = "tails run at once (default: ${DEFAULT-VALUE})")
  int instances;

  @Option(
      names = "--max-queue",
      paramLabel = "N",
      defaultValue = "64",
      description = "tails queued at once; past it OVERLOADED (default: ${DEFAULT-VALUE})")
  int maxQueue;

  @Option(
      names = "--threads",
      paramLabel = "N",
      defaultValue = "0",
      description =
          "ONNX Runtime intra-op threads per tail session; 0 = ONNX Runtime's default, one per"
              + " core (default: ${DEFAULT-VALUE})")
  int threads;

  @Option(
      names = "--accelerator",
      paramLabel = "A",
      defaultValue = "cpu",
      description = "cpu or gpu (the CUDA execution provider) (default: ${DEFAULT-VALUE})")
  String accelerator;

  @Override
  public Integer call() throws Exception {
    if (threads < 0) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--threads must be >= 0: " + threads);
    }
    CloudSettings settings =
        CloudSettings.defaults(workerId, broker.host, broker.port)
            .withCredentials(broker.username, broker.password())
            .withInstances(instances)
            .withMaxQueue(maxQueue)
            .withAccelerator(accelerator)
            .withThreads(threads)
            .withEnergy(energy.cloudEnergy(spec, accelerator));
    SplitParts parts = DataPlaneSetup.parts(SplitParts.DEFAULT_MAX_TENSORS);
    ServedParts served = new ServedParts(parts, DataPlaneSetup.models(parts, models).ids());
    HttpSettings httpSettings = http.settings(HttpSettings.CLOUD_PORT, httpBind.bind);
    PrometheusMeterRegistry registry = Observability.registry();
    Vertx vertx = Observability.vertx(registry);
    DataPlaneSetup.deployOrClose(
        vertx,
        () -> {
          CloudNodeVerticle cloud =
              new CloudNodeVerticle(settings, served, VersionCommand.projectVersion(), registry);
          vertx.deployVerticle(cloud).await(120, TimeUnit.SECONDS);
          Observability.serve(
              vertx,
              httpSettings,
              registry,
              List.of(new NodeInfo("cloud", workerId, List.of(), cloud.health())),
              VersionCommand.projectVersion());
        });
    DataPlaneSetup.serveUntilInterrupted(
        vertx,
        "cloud",
        "dynasplit cloud: worker "
            + workerId
            + " on "
            + broker.host
            + ":"
            + broker.port
            + " ("
            + instances
            + " instances, "
            + accelerator
            + ") serving "
            + served.ids()
            + "; Ctrl-C stops",
        spec.commandLine().getOut());
    return 0;
  }
}
