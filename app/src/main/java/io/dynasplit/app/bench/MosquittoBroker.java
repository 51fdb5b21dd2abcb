package io.dynasplit.app.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A Mosquitto broker for a benchmark: the Debian package's binary on a free loopback port, with the
 * shipped config's transport settings ({@code set_tcp_nodelay true}, no persistence), anonymous.
 */
public final class MosquittoBroker implements AutoCloseable {

  private final Process process;
  private final int port;
  private final Path dir;

  private MosquittoBroker(Process process, int port, Path dir) {
    this.process = process;
    this.port = port;
    this.dir = dir;
  }

  /** The mosquitto binary, when installed. */
  public static Optional<Path> binary() {
    for (String dir : List.of("/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin")) {
      Path p = Path.of(dir, "mosquitto");
      if (Files.isExecutable(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /**
   * Starts one and waits until it accepts connections.
   *
   * @throws IOException when mosquitto is not installed or does not start
   */
  public static MosquittoBroker start() throws IOException, InterruptedException {
    Path bin =
        binary()
            .orElseThrow(
                () ->
                    new IOException(
                        "mosquitto is not installed (apt-get install mosquitto); run with"
                            + " --no-mosquitto to skip its floor"));
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path dir = Files.createTempDirectory("dynasplit-bench-mosquitto-");
    Path conf = dir.resolve("mosquitto.conf");
    Files.writeString(
        conf,
        String.join(
            "\n",
            "listener " + port + " 127.0.0.1",
            "allow_anonymous true",
            "set_tcp_nodelay true",
            "persistence false",
            "max_queued_messages 10000",
            ""));
    Process p =
        new ProcessBuilder(bin.toString(), "-c", conf.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("mosquitto.log").toFile())
            .start();
    MosquittoBroker broker = new MosquittoBroker(p, port, dir);
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < end) {
      if (!p.isAlive()) {
        throw new IOException(
            "mosquitto exited at start: " + Files.readString(dir.resolve("mosquitto.log")));
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return broker;
      } catch (IOException notYet) {
        Thread.sleep(50);
      }
    }
    broker.close();
    throw new IOException("mosquitto did not listen on " + port + " within 10 s");
  }

  /** The port it listens on (127.0.0.1). */
  public int port() {
    return port;
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    try {
      Files.deleteIfExists(dir.resolve("mosquitto.log"));
      Files.deleteIfExists(dir.resolve("mosquitto.conf"));
      Files.deleteIfExists(dir);
    } catch (IOException e) {
      // a temporary folder left behind is harmless
    }
  }
}
