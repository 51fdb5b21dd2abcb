package io.dynasplit.edge.hardware.accel;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Powers a USB accelerator on and off with the commands of a {@link UsbPowerConfig}, checking each
 * command's exit status, and remembers the state so a second request for the same state runs
 * nothing.
 *
 * @implNote thread-safe; {@link #set} blocks while the command runs (call it from a worker thread)
 */
public final class UsbPowerSwitch {

  private static final Logger LOG = LoggerFactory.getLogger(UsbPowerSwitch.class);
  private static final int OUTPUT_LIMIT = 2048;
  private static final long OUTPUT_JOIN_MS = 1000;

  private final UsbPowerConfig config;
  private Boolean powered; // null: unknown until the first command ran

  /** A switch whose state is unknown until the first {@link #set}. */
  public UsbPowerSwitch(UsbPowerConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  /** The configuration. */
  public UsbPowerConfig config() {
    return config;
  }

  /**
   * Whether the accelerator is powered, as far as this switch knows; null before the first switch.
   */
  public synchronized Boolean powered() {
    return powered;
  }

  /**
   * Powers the accelerator on or off unless it already is.
   *
   * @return whether a command ran
   * @throws IOException if the command cannot start, times out or exits non-zero (with its output)
   */
  public synchronized boolean set(boolean on) throws IOException {
    if (powered != null && powered == on) {
      return false;
    }
    List<String> command = on ? config.onCommand() : config.offCommand();
    powered = null;
    run(command, config.timeout().toMillis());
    powered = on;
    LOG.info(
        "usb accelerator powered {} [command: {}]", on ? "on" : "off", String.join(" ", command));
    return true;
  }

  private static void run(List<String> command, long timeoutMs) throws IOException {
    String line = String.join(" ", command);
    Process process;
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new IOException("cannot run '" + line + "': " + e.getMessage(), e);
    }
    process.getOutputStream().close();
    // read while it runs: a command that prints more than the pipe holds would otherwise block, and
    // time out
    OutputHead output = new OutputHead(process.getInputStream());
    Thread reader = Thread.ofVirtual().name("dynasplit-usb-power-output").start(output);
    try {
      if (!process.waitFor(timeoutMs, TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new IOException("'" + line + "' did not finish within " + timeoutMs + " ms");
      }
      reader.join(
          OUTPUT_JOIN_MS); // the rest of the output, unless a child the command left holds the pipe
      // open
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running '" + line + "'", e);
    }
    int exit = process.exitValue();
    if (exit != 0) {
      throw new IOException("'" + line + "' exited with " + exit + ": " + output.text());
    }
  }

  /**
   * Drains a process's output to its end, keeping the first {@link #OUTPUT_LIMIT} bytes for error
   * messages.
   */
  private static final class OutputHead implements Runnable {
    private final InputStream in;
    private final byte[] head = new byte[OUTPUT_LIMIT];
    private int length;

    OutputHead(InputStream in) {
      this.in = in;
    }

    @Override
    public void run() {
      byte[] buffer = new byte[8192];
      try (in) {
        int n;
        while ((n = in.read(buffer)) >= 0) {
          keep(buffer, n);
        }
      } catch (IOException e) {
        LOG.debug("usb power command output not read to its end: {}", e.toString());
      }
    }

    private synchronized void keep(byte[] buffer, int n) {
      int room = Math.min(n, head.length - length);
      System.arraycopy(buffer, 0, head, length, room);
      length += room;
    }

    synchronized String text() {
      return new String(head, 0, length, StandardCharsets.UTF_8).strip();
    }
  }
}
