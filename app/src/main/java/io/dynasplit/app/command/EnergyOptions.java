package io.dynasplit.app.command;

import io.dynasplit.cloud.EnergySettings;
import io.dynasplit.energy.PowerModel;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The energy source options ({@code --powercap-root}, {@code --nvidia-smi}, {@code --idle-watts},
 * {@code --watts-per-core}), a picocli mixin shared by {@code hw} and the commands that run a cloud
 * worker.
 *
 * {@snippet :
 * @Mixin EnergyOptions energy;
 * PowerModel model = energy.model(spec, HardwareOptions.defaults().model());
 * }
 */
public final class EnergyOptions {

  @Option(
      names = "--powercap-root",
      paramLabel = "DIR",
      defaultValue = "/sys/class/powercap",
      description = "powercap folder holding intel-rapl:N zones (default: ${DEFAULT-VALUE})")
  Path powercapRoot;

  @Option(
      names = "--nvidia-smi",
      description =
          "sample GPU power with nvidia-smi (hw: when no INA sensor is given; a cloud worker does"
              + " so by itself when its tails run on the gpu and nvidia-smi is on the PATH)")
  boolean nvidiaSmi;

  @Option(
      names = "--idle-watts",
      paramLabel = "W",
      description =
          "power model: idle watts of this device (default: an uncalibrated figure, the Raspberry"
              + " Pi 4's for hw and the edge, a flat 65 W for a cloud worker)")
  Double idleWatts;

  @Option(
      names = "--watts-per-core",
      paramLabel = "W",
      description =
          "power model: extra watts of one busy core (default: an uncalibrated figure, the"
              + " Raspberry Pi 4's for hw and the edge, 0 for a cloud worker)")
  Double wattsPerCore;

  /**
   * The power model: {@code base} with the watts given on the command line.
   *
   * @throws CommandLine.ParameterException naming the problem when a figure is negative or not
   *     finite
   */
  public PowerModel model(CommandLine.Model.CommandSpec spec, PowerModel base) {
    try {
      return new PowerModel(
          idleWatts == null ? base.idleWatts() : idleWatts,
          wattsPerCore == null ? base.wattsPerBusyCore() : wattsPerCore,
          base.cores());
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "power model: " + e.getMessage());
    }
  }

  /** The powercap folder where RAPL is looked for. */
  public Path powercapRoot() {
    return powercapRoot;
  }

  /** Whether {@code --nvidia-smi} was given. */
  public boolean nvidiaSmi() {
    return nvidiaSmi;
  }

  /**
   * How a cloud worker meters its tails: these options over the cloud defaults; a gpu worker
   * samples nvidia-smi by itself (used when it is on the PATH).
   */
  public EnergySettings cloudEnergy(CommandLine.Model.CommandSpec spec, String accelerator) {
    EnergySettings base = EnergySettings.defaults();
    return base.withModel(model(spec, base.model()))
        .withPowercapRoot(powercapRoot())
        .withNvidiaSmi(nvidiaSmi() || "gpu".equals(accelerator));
  }
}
