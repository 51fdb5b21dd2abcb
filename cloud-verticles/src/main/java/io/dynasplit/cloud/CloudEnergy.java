package io.dynasplit.cloud;

import io.dynasplit.energy.EnergyMeters;
import io.dynasplit.energy.NvidiaSmiPowerSensor;
import io.dynasplit.energy.PowerSampler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Chooses the energy meter of a cloud worker: GPU power from {@code nvidia-smi} when the tails run
 * on the gpu and nvidia-smi is asked for and present, else Intel RAPL where readable, else the
 * worker's power model.
 */
final class CloudEnergy {

  /** nvidia-smi starts a process per read: no faster than this. */
  static final Duration NVIDIA_SMI_PERIOD = Duration.ofMillis(100);

  /** Samples kept: about 27 minutes at 100 ms, far more than any tail. */
  static final int RING_CAPACITY = 1 << 14;

  private CloudEnergy() {}

  /**
   * The meter for a worker with these settings, and why.
   *
   * @implNote blocks on a few sysfs reads and may start a sampling thread; the returned meter owns
   *     it
   */
  static EnergyMeters.Selection select(CloudSettings settings) {
    return select(settings, NvidiaSmiPowerSensor::onPath);
  }

  /** As {@link #select(CloudSettings)}, with the test for nvidia-smi on the {@code PATH} given. */
  static EnergyMeters.Selection select(CloudSettings settings, BooleanSupplier nvidiaSmiOnPath) {
    EnergySettings energy = settings.energy();
    Optional<PowerSampler> sampler = Optional.empty();
    List<String> problems = new ArrayList<>();
    if (energy.nvidiaSmi()) {
      if (!settings.accelerator().equals("gpu")) {
        problems.add(
            "nvidia-smi is not used: the tails run on the "
                + settings.accelerator()
                + ", so gpu power would not be theirs");
      } else if (!nvidiaSmiOnPath.getAsBoolean()) {
        problems.add("nvidia-smi is unusable: it is not on the PATH");
      } else {
        sampler =
            Optional.of(
                PowerSampler.start(new NvidiaSmiPowerSensor(), NVIDIA_SMI_PERIOD, RING_CAPACITY));
      }
    }
    return EnergyMeters.select(sampler, problems, energy.powercapRoot(), energy.model());
  }
}
