package io.dynasplit.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs the {@code mosquitto_pub} and {@code mosquitto_sub} command line clients (Debian package
 * {@code mosquitto-clients}) against a broker, as a user of DynaSplit would. MQTT 5 throughout.
 * {@code mosquitto_sub} runs under coreutils' {@code stdbuf -oL} where it exists (Linux), so its
 * SUBACK line arrives at once instead of sitting in a pipe buffer.
 *
 * {@snippet :
 * MosquittoClients clients = MosquittoClients.of(broker.host(), broker.port());
 * try (MosquittoSubscriber sub = clients.subscribe("dynasplit/v1/edge/e1/status", 1)) {
 *   sub.awaitSubscribed();
 *   clients.publish("dynasplit/v1/edge/e1/status", "online");
 *   List<String> lines = sub.awaitMessages(); // ["dynasplit/v1/edge/e1/status online"]
 * }
 * }
 *
 * @param host the broker's host
 * @param port the broker's MQTT port
 * @param username the user name to log in with, or null for none
 * @param password the password, or null for none
 */
public record MosquittoClients(String host, int port, String username, String password) {

  /** How long a {@code mosquitto_pub} may run. */
  public static final int PUBLISH_TIMEOUT_SECONDS = 30;

  private static final String STDBUF = findStdbuf();

  /** Checks host and port. */
  public MosquittoClients {
    Objects.requireNonNull(host, "host");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be in 1..65535: " + port);
    }
  }

  /** Clients that log in without credentials. */
  public static MosquittoClients of(String host, int port) {
    return new MosquittoClients(host, port, null, null);
  }

  /** A copy that logs in as {@code newUsername} with {@code newPassword}. */
  public MosquittoClients withCredentials(String newUsername, String newPassword) {
    return new MosquittoClients(
        host,
        port,
        Objects.requireNonNull(newUsername, "username"),
        Objects.requireNonNull(newPassword, "password"));
  }

  /**
   * Publishes one message at QoS 1 and waits for {@code mosquitto_pub} to end.
   *
   * @param extraArgs more {@code mosquitto_pub} options, for example {@code "-r"} to retain
   * @return its exit code and output; see {@link CommandResult#succeeded()} for refused publishes
   */
  public CommandResult publish(String topic, String message, String... extraArgs)
      throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(List.of("mosquitto_pub", "-t", topic, "-m", message, "-q", "1"));
    command.addAll(common());
    Collections.addAll(command, extraArgs);
    Process process = start(command);
    CompletableFuture<String> output = drain(process.getInputStream());
    if (!process.waitFor(PUBLISH_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException(
          "mosquitto_pub did not end within " + PUBLISH_TIMEOUT_SECONDS + " s: " + command);
    }
    try {
      return new CommandResult(process.exitValue(), output.get(5, TimeUnit.SECONDS));
    } catch (ExecutionException | TimeoutException e) {
      throw new IOException("cannot read the output of mosquitto_pub", e);
    }
  }

  /**
   * Starts {@code mosquitto_sub} on a topic filter at QoS 1; it ends after {@code count} messages
   * or {@value MosquittoSubscriber#TIMEOUT_SECONDS} s.
   *
   * @param extraArgs more {@code mosquitto_sub} options
   */
  public MosquittoSubscriber subscribe(String topicFilter, int count, String... extraArgs)
      throws IOException {
    if (count < 1) {
      throw new IllegalArgumentException("count must be >= 1: " + count);
    }
    List<String> command =
        new ArrayList<>(
            List.of(
                "mosquitto_sub",
                "-t",
                topicFilter,
                "-q",
                "1",
                "-C",
                Integer.toString(count),
                "-W",
                Integer.toString(MosquittoSubscriber.TIMEOUT_SECONDS),
                "-v",
                "-d"));
    command.addAll(common());
    Collections.addAll(command, extraArgs);
    if (STDBUF != null) {
      // mosquitto_sub buffers its debug lines when stdout is a pipe; line buffering shows the
      // SUBACK at once
      command.addAll(0, List.of(STDBUF, "-oL"));
    }
    return new MosquittoSubscriber(start(command));
  }

  private List<String> common() {
    List<String> args =
        new ArrayList<>(List.of("-h", host, "-p", Integer.toString(port), "-V", "mqttv5"));
    if (username != null) {
      args.addAll(List.of("-u", username, "-P", password));
    }
    return args;
  }

  private static String findStdbuf() {
    for (String dir : List.of("/usr/bin", "/bin", "/usr/local/bin", "/opt/homebrew/bin")) {
      if (java.nio.file.Files.isExecutable(java.nio.file.Path.of(dir, "stdbuf"))) {
        return dir + "/stdbuf";
      }
    }
    return null;
  }

  private static Process start(List<String> command) throws IOException {
    try {
      return new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new IOException(
          "cannot run " + command.get(0) + " (install it with: apt-get install mosquitto-clients)",
          e);
    }
  }

  private static CompletableFuture<String> drain(InputStream in) {
    return CompletableFuture.supplyAsync(
        () -> {
          try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        });
  }
}
