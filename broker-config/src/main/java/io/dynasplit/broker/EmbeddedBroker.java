package io.dynasplit.broker;

import com.hivemq.embedded.EmbeddedHiveMQ;
import io.dynasplit.broker.internal.ConfigTemplate;
import io.dynasplit.broker.internal.Ports;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An MQTT broker (HiveMQ Community Edition) running inside this JVM, with a TCP and a WebSocket
 * listener, keeping sessions and messages in memory or in files under its data folder ({@link
 * BrokerPersistence}).
 *
 * <p>The configuration comes from the template {@code broker-config/hivemq/config.xml}, packaged in
 * the jar; {@link #start} renders it with the settings' ports and bind address into {@code
 * <dataDir>/conf/config.xml}. HiveMQ's own logging bootstrap is switched off: its log lines go to
 * whatever SLF4J binding the application configured.
 *
 * {@snippet :
 * try (EmbeddedBroker broker = EmbeddedBroker.start(BrokerSettings.ephemeral(tempDir))) {
 *   String url = "tcp://" + broker.host() + ":" + broker.port();
 * }
 * }
 *
 * @implNote {@link #start} blocks for about 2 s and {@link #close} for about 4 s: tests share one
 *     broker per test class. Not for use on an event loop.
 */
public final class EmbeddedBroker implements AutoCloseable {

  /** The classpath location of the HiveMQ configuration template. */
  public static final String CONFIG_TEMPLATE = "/io/dynasplit/broker/hivemq/config.xml";

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);
  private static final long START_TIMEOUT_SECONDS = 120;

  private final EmbeddedHiveMQ hivemq;
  private final BrokerSettings settings;
  private final AtomicBoolean closed = new AtomicBoolean();

  private EmbeddedBroker(EmbeddedHiveMQ hivemq, BrokerSettings settings) {
    this.hivemq = hivemq;
    this.settings = settings;
  }

  /**
   * Starts a broker and returns once both listeners accept connections.
   *
   * @param settings ports (0 = a free one), bind address and data folder
   * @return the running broker; close it to stop it
   * @throws BrokerException when a port is taken, the data folder cannot be written, or HiveMQ
   *     fails to start
   */
  public static EmbeddedBroker start(BrokerSettings settings) {
    Objects.requireNonNull(settings, "settings");
    BrokerSettings resolved = resolvePorts(settings);
    Path conf = resolved.dataDir().resolve("conf");
    Path store = resolved.dataDir().resolve("store");
    Path extensions = resolved.dataDir().resolve("extensions");
    try {
      // HiveMQ refuses to start unless these exist
      Files.createDirectories(conf);
      Files.createDirectories(store);
      Files.createDirectories(extensions);
      Files.writeString(conf.resolve("config.xml"), renderConfig(resolved), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new BrokerException(
          "cannot prepare the broker's data folder " + resolved.dataDir() + ": " + e, e);
    }
    EmbeddedHiveMQ hivemq =
        EmbeddedHiveMQ.builder()
            .withConfigurationFolder(conf)
            .withDataFolder(store)
            .withExtensionsFolder(extensions)
            .withoutLoggingBootstrap()
            .build();
    EmbeddedBroker broker = new EmbeddedBroker(hivemq, resolved);
    try {
      hivemq.start().get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      broker.close();
      throw new BrokerException("interrupted while starting the broker", e);
    } catch (ExecutionException | TimeoutException e) {
      broker.close();
      Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
      // HiveMQ stops when it cannot bind its listeners; someone may have taken a port since the
      // check
      checkPortsAfterFailure(resolved, cause);
      throw new BrokerException(
          "the broker failed to start (see its log lines above): " + cause, cause);
    }
    broker.checkListening("MQTT", resolved.port());
    broker.checkListening("WebSocket", resolved.wsPort());
    LOG.debug(
        "broker started [mqtt: {}:{}, websocket: {}:{}/mqtt, persistence: {}, data: {}]",
        resolved.bindAddress(),
        resolved.port(),
        resolved.bindAddress(),
        resolved.wsPort(),
        resolved.persistence().optionName(),
        resolved.dataDir());
    return broker;
  }

  /** The configuration this broker runs with, as written to {@code <dataDir>/conf/config.xml}. */
  public static String renderConfig(BrokerSettings settings) {
    return ConfigTemplate.fromClasspath(CONFIG_TEMPLATE)
        .render(
            Map.of(
                "tcp.port", Integer.toString(settings.port()),
                "ws.port", Integer.toString(settings.wsPort()),
                "bind.address", settings.bindAddress(),
                "persistence.mode", settings.persistence().hivemqMode()));
  }

  /** The MQTT TCP port it listens on (the chosen one when the settings said 0). */
  public int port() {
    return settings.port();
  }

  /** The MQTT over WebSocket port it listens on, path {@code /mqtt}. */
  public int wsPort() {
    return settings.wsPort();
  }

  /** The address clients on this machine connect to: the bind address, or loopback for "any". */
  public String host() {
    return clientHost(settings.bindAddress());
  }

  /** The settings it runs with, with the actual ports filled in. */
  public BrokerSettings settings() {
    return settings;
  }

  /**
   * Stops the broker; its data stays in the data folder. Safe to call more than once.
   *
   * @throws BrokerException when HiveMQ reports a failure while stopping
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      hivemq.close();
      LOG.debug("broker stopped [mqtt port: {}]", settings.port());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BrokerException("interrupted while stopping the broker", e);
    } catch (ExecutionException e) {
      throw new BrokerException("the broker failed to stop cleanly: " + e.getCause(), e.getCause());
    }
  }

  private void checkListening(String what, int port) {
    if (!Ports.isListening(host(), port, 2_000)) {
      close();
      throw new BrokerException(
          what
              + " listener did not come up on "
              + settings.bindAddress()
              + ":"
              + port
              + " (is the port taken or the address not on this machine?)");
    }
  }

  private static BrokerSettings resolvePorts(BrokerSettings settings) {
    try {
      int[] free = Ports.free(settings.bindAddress(), 2);
      int port = settings.port();
      int wsPort = settings.wsPort();
      if (port == 0) {
        port = free[0] != wsPort ? free[0] : free[1];
      }
      if (wsPort == 0) {
        wsPort = free[1] != port ? free[1] : free[0];
      }
      checkBindable("MQTT", settings.bindAddress(), port);
      checkBindable("WebSocket", settings.bindAddress(), wsPort);
      return settings.withPort(port).withWsPort(wsPort);
    } catch (IOException e) {
      throw new BrokerException("cannot bind to address " + settings.bindAddress() + ": " + e, e);
    }
  }

  private static void checkPortsAfterFailure(BrokerSettings settings, Throwable cause) {
    try {
      checkBindable("MQTT", settings.bindAddress(), settings.port());
      checkBindable("WebSocket", settings.bindAddress(), settings.wsPort());
    } catch (IOException e) {
      cause.addSuppressed(e);
    } catch (BrokerException taken) {
      taken.initCause(cause);
      throw taken;
    }
  }

  private static void checkBindable(String what, String bindAddress, int port) throws IOException {
    Optional<String> problem = Ports.bindProblem(bindAddress, port);
    if (problem.isPresent()) {
      throw new BrokerException(
          what + " port " + port + " on " + bindAddress + " is not available: " + problem.get());
    }
  }

  private static String clientHost(String bindAddress) {
    return switch (bindAddress) {
      case "0.0.0.0" -> "127.0.0.1";
      case "::", "[::]", "::0" -> "::1";
      default -> bindAddress;
    };
  }
}
