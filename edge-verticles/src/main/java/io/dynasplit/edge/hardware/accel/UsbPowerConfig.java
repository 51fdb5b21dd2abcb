package io.dynasplit.edge.hardware.accel;

import io.dynasplit.schemas.Configuration;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * How to switch a USB accelerator's power and which {@code edgeAccelerator} values need it on.
 *
 * @param onCommand the command that powers the port on, e.g. {@code [uhubctl, -l, 2, -a, 1]} (run
 *     without a shell)
 * @param offCommand the command that powers it off, e.g. {@code [uhubctl, -l, 2, -a, 0]}
 * @param modes the {@code edgeAccelerator} values that use the USB accelerator, e.g. {@code std},
 *     {@code max}
 * @param timeout how long a command may run before it counts as failed
 */
public record UsbPowerConfig(
    List<String> onCommand, List<String> offCommand, Set<String> modes, Duration timeout) {

  /** Checks and copies. */
  public UsbPowerConfig {
    onCommand = List.copyOf(onCommand);
    offCommand = List.copyOf(offCommand);
    modes = Set.copyOf(modes);
    Objects.requireNonNull(timeout, "timeout");
    if (onCommand.isEmpty() || offCommand.isEmpty()) {
      throw new IllegalArgumentException("onCommand and offCommand must not be empty");
    }
    if (modes.isEmpty()) {
      throw new IllegalArgumentException("modes must name at least one edgeAccelerator value");
    }
    if (modes.contains(Configuration.ACCELERATOR_OFF)) {
      throw new IllegalArgumentException(
          "modes must not contain '"
              + Configuration.ACCELERATOR_OFF
              + "', the edgeAccelerator value without any accelerator: "
              + modes);
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be > 0: " + timeout);
    }
  }

  /** Splits a command line on white space (no shell quoting), e.g. {@code "uhubctl -l 2 -a 1"}. */
  public static List<String> command(String line) {
    String trimmed = line.trim();
    if (trimmed.isEmpty()) {
      throw new IllegalArgumentException("command must not be blank");
    }
    return Arrays.asList(trimmed.split("\\s+"));
  }
}
