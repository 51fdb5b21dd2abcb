package io.dynasplit.app.command;

import io.dynasplit.edge.hardware.HardwareOptions;
import io.dynasplit.edge.hardware.accel.UsbPowerConfig;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The USB accelerator power options ({@code --usb-on}, {@code --usb-off}, {@code --usb-modes},
 * {@code --usb-timeout}), a picocli mixin shared by the commands that open the edge's hardware.
 *
 * {@snippet :
 * @Mixin UsbPowerOptions usb;
 * HardwareOptions options = usb.config(spec).map(base::withUsb).orElse(base);
 * }
 */
public final class UsbPowerOptions {

  @Option(
      names = "--usb-on",
      paramLabel = "CMD",
      description =
          "command that powers the USB accelerator on, split on white space and run without a"
              + " shell, e.g. 'uhubctl -l 2 -a 1'; needs --usb-off")
  String onCommand;

  @Option(
      names = "--usb-off",
      paramLabel = "CMD",
      description =
          "command that powers the USB accelerator off, e.g. 'uhubctl -l 2 -a 0'; needs --usb-on")
  String offCommand;

  @Option(
      names = "--usb-modes",
      paramLabel = "MODES",
      split = ",",
      defaultValue = "std,max",
      description =
          "edgeAccelerator values that need the USB accelerator powered (default:"
              + " ${DEFAULT-VALUE})")
  String[] modes;

  @Option(
      names = "--usb-timeout",
      paramLabel = "DURATION",
      converter = HwCommand.DurationConverter.class,
      defaultValue = "10s",
      description =
          "how long a USB power command may run before it counts as failed (default:"
              + " ${DEFAULT-VALUE})")
  Duration timeout;

  /**
   * The USB accelerator these options describe; empty when neither command is given.
   *
   * @throws CommandLine.ParameterException naming the problem when only one command is given or a
   *     value is bad
   */
  public Optional<UsbPowerConfig> config(CommandLine.Model.CommandSpec spec) {
    if (onCommand == null && offCommand == null) {
      return Optional.empty();
    }
    if (onCommand == null || offCommand == null) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--usb-on and --usb-off go together: give both commands or neither");
    }
    Set<String> modeSet = new LinkedHashSet<>();
    Arrays.stream(modes).map(String::trim).filter(m -> !m.isEmpty()).forEach(modeSet::add);
    try {
      return Optional.of(
          new UsbPowerConfig(
              UsbPowerConfig.command(onCommand),
              UsbPowerConfig.command(offCommand),
              modeSet,
              timeout));
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "usb accelerator: " + e.getMessage());
    }
  }

  /**
   * The edge's hardware options: the defaults of {@code dynasplit hw} with this USB accelerator, if
   * one is given.
   */
  public HardwareOptions edgeHardware(CommandLine.Model.CommandSpec spec) {
    HardwareOptions base = HardwareOptions.defaults();
    return config(spec).map(base::withUsb).orElse(base);
  }
}
