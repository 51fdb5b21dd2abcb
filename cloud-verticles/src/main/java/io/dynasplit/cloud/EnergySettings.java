package io.dynasplit.cloud;

import io.dynasplit.energy.PowerModel;
import io.dynasplit.energy.Rapl;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How a cloud worker meters the energy of its tails.
 *
 * @param model the worker machine's power model, used where nothing measures power and as the
 *     fallback of a measurement that fails (source {@code model})
 * @param powercapRoot where to look for Intel RAPL counters, normally {@link Rapl#DEFAULT_ROOT}
 * @param nvidiaSmi whether to sample GPU power with {@code nvidia-smi}; used only when the tails
 *     run on the gpu
 */
public record EnergySettings(PowerModel model, Path powercapRoot, boolean nvidiaSmi) {

  /**
   * Uncalibrated figures of a cloud worker: a flat 65 W while a tail runs, whatever its cpu use
   * (the estimate the workers gave before they were metered). Calibrate the worker's machine with
   * {@code dynasplit hw --calibrate}.
   */
  public static final PowerModel UNCALIBRATED_MODEL = new PowerModel(65.0, 0.0, 1);

  /** Checks the values. */
  public EnergySettings {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(powercapRoot, "powercapRoot");
  }

  /** The uncalibrated model (with this machine's cores), RAPL where readable, and no nvidia-smi. */
  public static EnergySettings defaults() {
    return new EnergySettings(
        UNCALIBRATED_MODEL.withCores(Runtime.getRuntime().availableProcessors()),
        Rapl.DEFAULT_ROOT,
        false);
  }

  /** A copy with another power model. */
  public EnergySettings withModel(PowerModel m) {
    return new EnergySettings(m, powercapRoot, nvidiaSmi);
  }

  /** A copy with another powercap root. */
  public EnergySettings withPowercapRoot(Path root) {
    return new EnergySettings(model, root, nvidiaSmi);
  }

  /** A copy that does or does not sample GPU power with nvidia-smi. */
  public EnergySettings withNvidiaSmi(boolean on) {
    return new EnergySettings(model, powercapRoot, on);
  }
}
