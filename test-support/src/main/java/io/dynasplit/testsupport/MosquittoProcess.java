package io.dynasplit.testsupport;

import io.dynasplit.broker.internal.Ports;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A real Mosquitto broker (the Debian package's {@code /usr/sbin/mosquitto}) run by a test, on a
 * free port of 127.0.0.1.
 *
 * <p>The given configuration is used as it is, except that its {@code listener} lines are replaced
 * by one plain TCP listener on the chosen port, its persistence goes to the work folder, it logs to
 * {@code <workDir>/mosquitto.log}, and when the test runs as root it stays root ({@code user}), so
 * the files of the work folder stay readable. The password and ACL files the configuration names
 * must exist.
 *
 * {@snippet :
 * try (MosquittoProcess mosquitto = MosquittoProcess.start(MosquittoConfig.anonymous(), tempDir)) {
 *   MosquittoClients clients = MosquittoClients.of(mosquitto.host(), mosquitto.port());
 *   clients.publish("dynasplit/v1/edge/e1/requests", "{}");
 * }
 * }
 *
 * @implNote starts in well under a second; {@link #start} returns once the port accepts
 *     connections. If Mosquitto is not installed, {@link #start} fails with a message that says how
 *     to install it ({@code apt-get install mosquitto mosquitto-clients}).
 */
public final class MosquittoProcess implements AutoCloseable {

  /** Where Debian's {@code mosquitto} package puts the broker. */
  public static final Path DEBIAN_BINARY = Path.of("/usr/sbin/mosquitto");

  private static final long START_TIMEOUT_MILLIS = 15_000;
  private static final int START_ATTEMPTS = 3;

  private final Process process;
  private final int port;
  private final Path workDir;
  private final AtomicBoolean closed = new AtomicBoolean();

  private MosquittoProcess(Process process, int port, Path workDir) {
    this.process = process;
    this.port = port;
    this.workDir = workDir;
  }

  /** Whether a Mosquitto broker binary is installed. */
  public static boolean isInstalled() {
    return binary() != null;
  }

  /**
   * Starts Mosquitto with a configuration and waits until it accepts connections.
   *
   * @param config the configuration (see the class comment for what is replaced)
   * @param workDir an existing folder for the effective {@code mosquitto.conf}, the log and the
   *     persistence files
   * @throws IllegalStateException when Mosquitto is not installed or does not come up; the message
   *     carries its log
   */
  public static MosquittoProcess start(MosquittoConfig config, Path workDir)
      throws IOException, InterruptedException {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(workDir, "workDir");
    Path binary = binary();
    if (binary == null) {
      throw new IllegalStateException(
          "mosquitto is not installed (looked at "
              + DEBIAN_BINARY
              + " and PATH); install it with: apt-get install mosquitto mosquitto-clients");
    }
    String lastLog = "";
    for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
      int port = Ports.free("127.0.0.1", 1)[0];
      Path conf = workDir.resolve("mosquitto.conf");
      Path log = workDir.resolve("mosquitto.log");
      Files.writeString(conf, effective(config, port, workDir).text(), StandardCharsets.UTF_8);
      Process process =
          new ProcessBuilder(binary.toString(), "-c", conf.toString())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      MosquittoProcess mosquitto = new MosquittoProcess(process, port, workDir);
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(START_TIMEOUT_MILLIS);
      while (process.isAlive() && System.nanoTime() < deadline) {
        if (Ports.isListening("127.0.0.1", port, 200)) {
          return mosquitto;
        }
        Thread.sleep(20);
      }
      mosquitto.close();
      lastLog = mosquitto.log();
      if (!lastLog.contains("Address already in use")) {
        break; // only a lost race for the port is worth another try
      }
    }
    throw new IllegalStateException("mosquitto did not start; its log:\n" + lastLog);
  }

  /** The port it listens on. */
  public int port() {
    return port;
  }

  /** The address clients connect to. */
  public String host() {
    return "127.0.0.1";
  }

  /** The folder with its effective configuration, log and persistence files. */
  public Path workDir() {
    return workDir;
  }

  /** What it logged so far (connections, refusals, errors): useful in assertion messages. */
  public String log() {
    try {
      Path log = workDir.resolve("mosquitto.log");
      return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      return "(cannot read the log: " + e + ")";
    }
  }

  /** Whether the process still runs. */
  public boolean isAlive() {
    return process.isAlive();
  }

  /** Stops it (SIGTERM, then SIGKILL after 10 s). Safe to call more than once. */
  @Override
  public void close() throws InterruptedException {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }

  static MosquittoConfig effective(MosquittoConfig config, int port, Path workDir) {
    MosquittoConfig c =
        config
            .without("listener")
            .without("pid_file")
            .without("log_dest")
            .with("persistence_location", workDir.toAbsolutePath() + "/")
            .with("log_dest", "stdout")
            .with("listener", port + " 127.0.0.1");
    String user = System.getProperty("user.name");
    if ("root".equals(user)) {
      c =
          c.with(
              "user",
              "root"); // else mosquitto switches to the user "mosquitto", which cannot read the
      // temp folder
    }
    return c;
  }

  private static Path binary() {
    if (Files.isExecutable(DEBIAN_BINARY)) {
      return DEBIAN_BINARY;
    }
    String path = System.getenv("PATH");
    if (path == null) {
      return null;
    }
    for (String dir : path.split(java.io.File.pathSeparator)) {
      Path candidate = Path.of(dir, "mosquitto");
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }
}
