package io.dynasplit.app.profile;

import io.dynasplit.app.channel.ChannelShaping;
import io.dynasplit.app.channel.ThrottlingProxy;
import io.dynasplit.cloud.EnergySettings;
import io.dynasplit.edge.EmulatedEdge;
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
 * @param edgeEmulation an emulated slower edge device (tests and the demo; none by default)
 * @param channel the shaping of a {@link ThrottlingProxy} put between the edge's tail client and
 *     the broker (tests and the demo), or null for no proxy
 */
public record PlaneOptions(
    int cloudThreads,
    EnergySettings cloudEnergy,
    Path edgePowercapRoot,
    EmulatedEdge edgeEmulation,
    ChannelShaping channel) {

  /** What {@code profile} and {@code optimize --live} run with: every default. */
  public static final PlaneOptions DEFAULT =
      new PlaneOptions(0, EnergySettings.defaults(), HardwareOptions.defaults().powercapRoot());

  /** Options with nothing emulated and no proxy. */
  public PlaneOptions(int cloudThreads, EnergySettings cloudEnergy, Path edgePowercapRoot) {
    this(cloudThreads, cloudEnergy, edgePowercapRoot, EmulatedEdge.none(), null);
  }

  /** Checks the values. */
  public PlaneOptions {
    if (cloudThreads < 0) {
      throw new IllegalArgumentException("cloudThreads must be >= 0: " + cloudThreads);
    }
    Objects.requireNonNull(cloudEnergy, "cloudEnergy");
    Objects.requireNonNull(edgePowercapRoot, "edgePowercapRoot");
    Objects.requireNonNull(edgeEmulation, "edgeEmulation");
  }

  /**
   * A copy whose edge runs on an emulated slower device and reaches the cloud through a throttling
   * proxy with {@code channel}'s shaping (null: no proxy).
   */
  public PlaneOptions withEmulatedEdge(EmulatedEdge edge, ChannelShaping channel) {
    return new PlaneOptions(cloudThreads, cloudEnergy, edgePowercapRoot, edge, channel);
  }

  /** The edge's hardware options: the defaults with this powercap root. */
  HardwareOptions edgeHardware() {
    return HardwareOptions.defaults().withPowercapRoot(edgePowercapRoot);
  }
}
