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
 * Powers a USB accelerator on and off with the commands of a {@link UsbPowerConfig}, checking each command's exit
 * status, and remembers the state so a second request for the same state runs nothing.
 *
 * @implNote thread-safe; {@link #set} blocks while the command runs (call it from a worker thread)
 */
public final class UsbPowerSwitch {

  private static final Logger LOG = LoggerFactory.getLogger(UsbPowerSwitch.class);
  private static final int OUTPUT_LIMIT = 2048;

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

  /** Whether the accelerator is powered, as far as this switch knows; null before the first switch. */
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
    LOG.info("usb accelerator powered {} [command: {}]", on ? "on" : "off", String.join(" ", command));
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
    try {
      if (!process.waitFor(timeoutMs, TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new IOException("'" + line + "' did not finish within " + timeoutMs + " ms");
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running '" + line + "'", e);
    }
    int exit = process.exitValue();
    if (exit != 0) {
      throw new IOException("'" + line + "' exited with " + exit + ": " + output(process.getInputStream()));
    }
  }

  private static String output(InputStream in) throws IOException {
    byte[] bytes = in.readNBytes(OUTPUT_LIMIT);
    return new String(bytes, StandardCharsets.UTF_8).strip();
  }
}
