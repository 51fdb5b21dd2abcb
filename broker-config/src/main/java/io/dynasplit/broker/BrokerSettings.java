package io.dynasplit.broker;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the embedded broker listens and where it keeps its files.
 *
 * <p>A port of 0 means "pick a free port at start"; {@link EmbeddedBroker#port()} and {@link
 * EmbeddedBroker#wsPort()} then tell which one was taken.
 *
 * {@snippet :
 * BrokerSettings settings = BrokerSettings.of(Path.of("data/broker")).withPort(1884);
 * try (EmbeddedBroker broker = EmbeddedBroker.start(settings)) {
 *   // clients connect to broker.host():broker.port()
 * }
 * }
 *
 * @param port the MQTT TCP port, 0..65535 (0 = any free port)
 * @param wsPort the MQTT over WebSocket port (path {@code /mqtt}), 0..65535 (0 = any free port)
 * @param bindAddress the address both listeners bind to, for example {@code 0.0.0.0} (every
 *     interface) or {@code 127.0.0.1} (this machine only)
 * @param dataDir the folder that holds the rendered configuration ({@code conf/}), the persistent
 *     sessions and retained messages when they are kept in files ({@code store/}) and the
 *     extensions folder ({@code extensions/}); created when missing
 * @param persistence where sessions, queued and retained messages live: in memory (the default; no
 *     payload touches the disk) or in files under {@code dataDir} (they survive a restart)
 */
public record BrokerSettings(
    int port, int wsPort, String bindAddress, Path dataDir, BrokerPersistence persistence) {

  /** The standard MQTT port. */
  public static final int DEFAULT_PORT = 1883;

  /** The default MQTT over WebSocket port. */
  public static final int DEFAULT_WS_PORT = 8000;

  /** Every interface. */
  public static final String ANY_ADDRESS = "0.0.0.0";

  /** Checks ports, address and folder. */
  public BrokerSettings {
    checkPort("port", port);
    checkPort("wsPort", wsPort);
    Objects.requireNonNull(bindAddress, "bindAddress");
    if (bindAddress.isBlank()
        || bindAddress
            .chars()
            .anyMatch(c -> Character.isWhitespace(c) || c == '<' || c == '>' || c == '&')) {
      throw new IllegalArgumentException(
          "bindAddress must be a host name or IP address: '" + bindAddress + "'");
    }
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(persistence, "persistence");
    if (port != 0 && port == wsPort) {
      throw new IllegalArgumentException("port and wsPort must differ: both are " + port);
    }
  }

  /** Settings that keep everything in memory, the default persistence. */
  public BrokerSettings(int port, int wsPort, String bindAddress, Path dataDir) {
    this(port, wsPort, bindAddress, dataDir, BrokerPersistence.MEMORY);
  }

  /**
   * The defaults of {@code dynasplit broker}: ports 1883 and 8000 on every interface, in memory.
   */
  public static BrokerSettings of(Path dataDir) {
    return new BrokerSettings(DEFAULT_PORT, DEFAULT_WS_PORT, ANY_ADDRESS, dataDir);
  }

  /** What tests want: free ports on the loopback interface only, in memory. */
  public static BrokerSettings ephemeral(Path dataDir) {
    return new BrokerSettings(0, 0, "127.0.0.1", dataDir);
  }

  /** A copy with another MQTT TCP port. */
  public BrokerSettings withPort(int newPort) {
    return new BrokerSettings(newPort, wsPort, bindAddress, dataDir, persistence);
  }

  /** A copy with another WebSocket port. */
  public BrokerSettings withWsPort(int newWsPort) {
    return new BrokerSettings(port, newWsPort, bindAddress, dataDir, persistence);
  }

  /** A copy with another bind address. */
  public BrokerSettings withBindAddress(String newBindAddress) {
    return new BrokerSettings(port, wsPort, newBindAddress, dataDir, persistence);
  }

  /** A copy with another data folder. */
  public BrokerSettings withDataDir(Path newDataDir) {
    return new BrokerSettings(port, wsPort, bindAddress, newDataDir, persistence);
  }

  /** A copy with another persistence. */
  public BrokerSettings withPersistence(BrokerPersistence newPersistence) {
    return new BrokerSettings(port, wsPort, bindAddress, dataDir, newPersistence);
  }

  private static void checkPort(String name, int value) {
    if (value < 0 || value > 65535) {
      throw new IllegalArgumentException(name + " must be in 0..65535: " + value);
    }
  }
}
