package io.dynasplit.app.profile;

import io.dynasplit.cloud.EnergySettings;
import io.dynasplit.edge.hardware.HardwareOptions;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How the live profiler's in-process data plane is set up where it should match a served one
 * ({@code up}): the cloud worker's tail threads and energy meter, and the powercap root of the
 * edge's meter. Hardware knobs that act on the whole machine (cpufreq, a USB accelerator's power)
 * are not here: the plane's hardware verticle leaves them as they stand.
 *
 * @param cloudThreads ONNX Runtime intra-op threads per tail session; 0 = ONNX Runtime's default
 * @param cloudEnergy the cloud worker's energy meter settings
 * @param edgePowercapRoot the powercap (RAPL) root the edge's meter reads
 */
public record PlaneOptions(int cloudThreads, EnergySettings cloudEnergy, Path edgePowercapRoot) {

  /** What {@code profile} and {@code optimize --live} run with: every default. */
  public static final PlaneOptions DEFAULT =
      new PlaneOptions(0, EnergySettings.defaults(), HardwareOptions.defaults().powercapRoot());

  /** Checks the values. */
  public PlaneOptions {
    if (cloudThreads < 0) {
      throw new IllegalArgumentException("cloudThreads must be >= 0: " + cloudThreads);
    }
    Objects.requireNonNull(cloudEnergy, "cloudEnergy");
    Objects.requireNonNull(edgePowercapRoot, "edgePowercapRoot");
  }

  /** The edge's hardware options: the defaults with this powercap root. */
  HardwareOptions edgeHardware() {
    return HardwareOptions.defaults().withPowercapRoot(edgePowercapRoot);
  }
}
