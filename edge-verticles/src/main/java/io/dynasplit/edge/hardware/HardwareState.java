package io.dynasplit.edge.hardware;

import io.dynasplit.scheduler.SwitchCosts;
import io.dynasplit.scheduler.SwitchCosts.ChangeKind;
import java.util.Map;
import java.util.Objects;

/**
 * The edge's hardware as telemetry reports it; serializes with {@code io.dynasplit.schemas.Json}.
 *
 * @param cpuFreqManaged whether a cpufreq controller exists on this machine
 * @param cpuFreqFixed whether the frequency cannot be changed by this process
 * @param cpuFreqMHz the frequency last applied or, before any, the one found; 0 when unmanaged
 * @param edgeAccelerator the edge accelerator of the configuration in force; {@code off} before any
 * @param threads the head session threads of the configuration in force; 0 before any
 * @param usbPower {@code on}, {@code off}, {@code unknown} (before the first switch) or {@code
 *     none}
 * @param energySource the wire name of the energy meter's source
 * @param watts mean power over the last state period, by that meter; 0 before the first period ends
 * @param changes configurations applied that changed something
 * @param switchCosts measured cost of each kind of change, by {@link ChangeKind#wireName()}, and of
 *     an apply that changed nothing under {@value #NO_CHANGE}
 */
public record HardwareState(
    boolean cpuFreqManaged,
    boolean cpuFreqFixed,
    int cpuFreqMHz,
    String edgeAccelerator,
    int threads,
    String usbPower,
    String energySource,
    double watts,
    long changes,
    Map<String, SwitchCosts.Cost> switchCosts) {

  /** The {@code switchCosts} key of the cost of an apply that changed nothing. */
  public static final String NO_CHANGE = "none";

  /** Checks and copies. */
  public HardwareState {
    Objects.requireNonNull(edgeAccelerator, "edgeAccelerator");
    Objects.requireNonNull(usbPower, "usbPower");
    Objects.requireNonNull(energySource, "energySource");
    switchCosts = Map.copyOf(switchCosts);
    if (!(watts >= 0) || Double.isInfinite(watts)) {
      throw new IllegalArgumentException("watts must be finite and >= 0: " + watts);
    }
  }
}
