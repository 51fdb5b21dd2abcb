package io.dynasplit.app.command;

import io.dynasplit.broker.BrokerException;
import io.dynasplit.broker.BrokerSettings;
import io.dynasplit.broker.EmbeddedBroker;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dynasplit broker}: runs the embedded MQTT broker (HiveMQ CE) until Ctrl-C. */
@Command(
    name = "broker",
    mixinStandardHelpOptions = true,
    description = {
      "Run an MQTT broker (HiveMQ Community Edition, embedded) for sensors, edges and cloud"
          + " workers: MQTT 3.1.1 and 5 on --port, MQTT over WebSocket on --ws-port (path /mqtt)."
          + " Sessions, queued and retained messages live in memory, or with --persistence file in"
          + " --data across restarts. Ctrl-C stops it.",
      "",
      "Anyone may connect. For deployments with accounts and an ACL, run Mosquitto with"
          + " broker-config/mosquitto/."
    },
    subcommands = {BrokerAclCommand.class})
public final class BrokerCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin BrokerPersistenceOption persistence;

  @Option(
      names = "--port",
      paramLabel = "PORT",
      defaultValue = "1883",
      description = "MQTT TCP port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--ws-port",
      paramLabel = "PORT",
      defaultValue = "8000",
      description = "MQTT over WebSocket port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int wsPort;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      defaultValue = "data/broker",
      description =
          "Folder for the rendered configuration and, with --persistence file, sessions and"
              + " retained messages; created when missing (default: ${DEFAULT-VALUE}).")
  Path data;

  @Option(
      names = "--bind",
      paramLabel = "ADDR",
      defaultValue = BrokerSettings.ANY_ADDRESS,
      description =
          "Address to listen on: 0.0.0.0 for every interface, 127.0.0.1 for this machine only"
              + " (default: ${DEFAULT-VALUE}).")
  String bind;

  /** The settings the options describe. */
  BrokerSettings settings() {
    try {
      return new BrokerSettings(
          port, wsPort, bind, data.toAbsolutePath().normalize(), persistence.persistence());
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
    }
  }

  @Override
  public Integer call() throws InterruptedException {
    BrokerSettings settings = settings();
    CountDownLatch stop = new CountDownLatch(1);
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              stop.countDown();
              try {
                stopped.await(
                    30, TimeUnit.SECONDS); // let the broker stop cleanly before the JVM halts
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "dynasplit-broker-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      return serve(settings, spec.commandLine().getOut(), spec.commandLine().getErr(), stop);
    } finally {
      stopped.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // Ctrl-C: the hook is running and waits for stopped, which is counted down above
      }
    }
  }

  /**
   * Starts the broker, prints its listeners, waits for {@code stop}, then stops it.
   *
   * @return the exit code: 0 after a clean stop, 1 when the broker could not start
   */
  static int serve(BrokerSettings settings, PrintWriter out, PrintWriter err, CountDownLatch stop)
      throws InterruptedException {
    EmbeddedBroker broker;
    try {
      broker = EmbeddedBroker.start(settings);
    } catch (BrokerException e) {
      throw new CommandFailure(e.getMessage());
    }
    try (broker) {
      out.println(
          "broker running: mqtt://"
              + broker.settings().bindAddress()
              + ":"
              + broker.port()
              + "  ws://"
              + broker.settings().bindAddress()
              + ":"
              + broker.wsPort()
              + "/mqtt"
              + "  persistence "
              + settings.persistence().optionName()
              + "  data "
              + settings.dataDir()
              + "  (Ctrl-C stops it)");
      out.flush();
      stop.await();
      out.println("broker stopping...");
      out.flush();
    }
    out.println("broker stopped");
    out.flush();
    return 0;
  }
}
