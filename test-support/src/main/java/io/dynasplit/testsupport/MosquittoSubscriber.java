package io.dynasplit.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A running {@code mosquitto_sub}, started by {@link MosquittoClients#subscribe}.
 *
 * <p>It runs with {@code -d -v}: its debug lines tell when the broker acknowledged the
 * subscription, and each received message is one line {@code "<topic> <payload>"}.
 */
public final class MosquittoSubscriber implements AutoCloseable {

  /** {@code mosquitto_sub} gives up after this many seconds ({@code -W}). */
  public static final int TIMEOUT_SECONDS = 30;

  private static final String SUBSCRIBED = "Subscribed (mid: ";

  private final Process process;
  private final List<String> messages = new ArrayList<>();
  private final List<String> output = new ArrayList<>();
  private final CompletableFuture<List<Integer>> subscribed = new CompletableFuture<>();
  private final CompletableFuture<Void> ended = new CompletableFuture<>();

  MosquittoSubscriber(Process process) {
    this.process = process;
    Thread reader = new Thread(this::read, "mosquitto_sub-reader");
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * Waits until the broker answered the subscription.
   *
   * @return the granted QoS or MQTT 5 reason code per filter (0..2 granted; 135 = not authorized)
   * @throws IllegalStateException when {@code mosquitto_sub} ended first (refused connection)
   */
  public List<Integer> awaitSubscribed() throws InterruptedException {
    try {
      return subscribed.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException(
          "mosquitto_sub did not subscribe; its output:\n" + output(), e);
    }
  }

  /**
   * Waits until {@code mosquitto_sub} ended (it got its count, or timed out) and returns the
   * messages, each as {@code "<topic> <payload>"}.
   */
  public List<String> awaitMessages() throws InterruptedException {
    try {
      ended.get(TIMEOUT_SECONDS + 10, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("mosquitto_sub did not end; its output:\n" + output(), e);
    }
    synchronized (this) {
      return List.copyOf(messages);
    }
  }

  /** Its exit code, once it ended. */
  public int exitCode() throws InterruptedException {
    return process.waitFor();
  }

  /** Everything it printed so far, debug lines included. */
  public synchronized String output() {
    return String.join("\n", output);
  }

  /** Stops it if it still runs. */
  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }

  private void read() {
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        synchronized (this) {
          output.add(line);
          if (line.startsWith(SUBSCRIBED)) {
            subscribed.complete(grantedCodes(line));
          } else if (!isDiagnostic(line)) {
            messages.add(line);
          }
        }
      }
    } catch (IOException e) {
      subscribed.completeExceptionally(new UncheckedIOException(e));
    } finally {
      subscribed.completeExceptionally(
          new IllegalStateException("mosquitto_sub ended before it subscribed"));
      ended.complete(null);
    }
  }

  /** {@code "Subscribed (mid: 1): 1, 135"} gives [1, 135]. */
  private static List<Integer> grantedCodes(String line) {
    String codes = line.substring(line.indexOf("):") + 2).strip();
    List<Integer> out = new ArrayList<>();
    for (String code : codes.split(",")) {
      out.add(Integer.parseInt(code.strip()));
    }
    return List.copyOf(out);
  }

  private static boolean isDiagnostic(String line) {
    return line.startsWith("Client ")
        || line.startsWith("Error")
        || line.startsWith("Warning")
        || line.startsWith("Connection error")
        || line.startsWith("Timed out");
  }
}
