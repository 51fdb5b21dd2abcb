package io.dynasplit.edge.hardware;

import io.dynasplit.edge.hardware.accel.UsbPowerConfig;
import io.dynasplit.edge.hardware.cpufreq.CpuFreq;
import io.dynasplit.energy.PowerModel;
import io.dynasplit.energy.Rapl;
import io.dynasplit.energy.ina.InaConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the edge's hardware is and how to use it.
 *
 * @param sysfsRoot the sysfs root for cpufreq, normally {@code /sys}
 * @param powercapRoot the powercap folder for RAPL, normally {@code /sys/class/powercap}
 * @param ina the INA sensor on the board's supply, if any
 * @param nvidiaSmi whether to sample GPU power with {@code nvidia-smi} (used when no INA sensor is
 *     configured)
 * @param samplePeriod how often the power sensor is read, in (0, 1 h]
 * @param ringCapacity how many power samples are kept, in [2, 2^24]
 * @param model the device's power model, used where nothing measures and as the fallback
 * @param usb how to switch a USB accelerator's power, if the edge has one
 * @param statePeriod how often the hardware state is published for telemetry, {@code > 0}
 */
public record HardwareOptions(
    Path sysfsRoot,
    Path powercapRoot,
    Optional<InaConfig> ina,
    boolean nvidiaSmi,
    Duration samplePeriod,
    int ringCapacity,
    PowerModel model,
    Optional<UsbPowerConfig> usb,
    Duration statePeriod) {

  /** Checks the values. */
  public HardwareOptions {
    Objects.requireNonNull(sysfsRoot, "sysfsRoot");
    Objects.requireNonNull(powercapRoot, "powercapRoot");
    Objects.requireNonNull(ina, "ina");
    Objects.requireNonNull(samplePeriod, "samplePeriod");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(usb, "usb");
    Objects.requireNonNull(statePeriod, "statePeriod");
    if (samplePeriod.isNegative()
        || samplePeriod.isZero()
        || samplePeriod.compareTo(Duration.ofHours(1)) > 0) {
      throw new IllegalArgumentException("samplePeriod must be in (0, 1h]: " + samplePeriod);
    }
    if (ringCapacity < 2 || ringCapacity > (1 << 24)) {
      throw new IllegalArgumentException("ringCapacity must be in [2, 2^24]: " + ringCapacity);
    }
    if (statePeriod.isNegative() || statePeriod.isZero()) {
      throw new IllegalArgumentException("statePeriod must be > 0: " + statePeriod);
    }
  }

  /**
   * The real sysfs and powercap roots, no sensor, 1 kHz sampling into 65,536 samples, the
   * uncalibrated Raspberry Pi 4 model over this machine's cores, no USB accelerator, state every
   * second.
   */
  public static HardwareOptions defaults() {
    return new HardwareOptions(
        CpuFreq.DEFAULT_SYSFS_ROOT,
        Rapl.DEFAULT_ROOT,
        Optional.empty(),
        false,
        Duration.ofMillis(1),
        1 << 16,
        PowerModel.RASPBERRY_PI_4_UNCALIBRATED.withCores(
            Runtime.getRuntime().availableProcessors()),
        Optional.empty(),
        Duration.ofSeconds(1));
  }

  /** A copy with another sysfs root. */
  public HardwareOptions withSysfsRoot(Path root) {
    return new HardwareOptions(
        root, powercapRoot, ina, nvidiaSmi, samplePeriod, ringCapacity, model, usb, statePeriod);
  }

  /** A copy with another powercap root. */
  public HardwareOptions withPowercapRoot(Path root) {
    return new HardwareOptions(
        sysfsRoot, root, ina, nvidiaSmi, samplePeriod, ringCapacity, model, usb, statePeriod);
  }

  /** A copy with an INA sensor. */
  public HardwareOptions withIna(InaConfig sensor) {
    return new HardwareOptions(
        sysfsRoot,
        powercapRoot,
        Optional.of(sensor),
        nvidiaSmi,
        samplePeriod,
        ringCapacity,
        model,
        usb,
        statePeriod);
  }

  /** A copy that samples (or not) GPU power with nvidia-smi. */
  public HardwareOptions withNvidiaSmi(boolean on) {
    return new HardwareOptions(
        sysfsRoot, powercapRoot, ina, on, samplePeriod, ringCapacity, model, usb, statePeriod);
  }

  /** A copy with another sampling period. */
  public HardwareOptions withSamplePeriod(Duration period) {
    return new HardwareOptions(
        sysfsRoot, powercapRoot, ina, nvidiaSmi, period, ringCapacity, model, usb, statePeriod);
  }

  /** A copy with another power model. */
  public HardwareOptions withModel(PowerModel m) {
    return new HardwareOptions(
        sysfsRoot, powercapRoot, ina, nvidiaSmi, samplePeriod, ringCapacity, m, usb, statePeriod);
  }

  /** A copy with a USB accelerator. */
  public HardwareOptions withUsb(UsbPowerConfig config) {
    return new HardwareOptions(
        sysfsRoot,
        powercapRoot,
        ina,
        nvidiaSmi,
        samplePeriod,
        ringCapacity,
        model,
        Optional.of(config),
        statePeriod);
  }

  /** A copy with another state period. */
  public HardwareOptions withStatePeriod(Duration period) {
    return new HardwareOptions(
        sysfsRoot, powercapRoot, ina, nvidiaSmi, samplePeriod, ringCapacity, model, usb, period);
  }
}
