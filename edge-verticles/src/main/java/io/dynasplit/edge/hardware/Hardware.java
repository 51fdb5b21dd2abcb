package io.dynasplit.edge.hardware;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.plugin.linuxfs.provider.i2c.LinuxFsI2CProvider;
import io.dynasplit.edge.hardware.accel.ExecutionProviders;
import io.dynasplit.edge.hardware.accel.UsbPowerConfig;
import io.dynasplit.edge.hardware.accel.UsbPowerSwitch;
import io.dynasplit.edge.hardware.cpufreq.CpuFreq;
import io.dynasplit.edge.hardware.cpufreq.CpuFreqController;
import io.dynasplit.edge.hardware.cpufreq.CpuFreqException;
import io.dynasplit.energy.EnergyMeter;
import io.dynasplit.energy.EnergyMeters;
import io.dynasplit.energy.NvidiaSmiPowerSensor;
import io.dynasplit.energy.PowerSampler;
import io.dynasplit.energy.PowerSensor;
import io.dynasplit.energy.ina.InaSensors;
import io.dynasplit.scheduler.SwitchCosts;
import io.dynasplit.scheduler.SwitchCosts.ChangeKind;
import io.dynasplit.schemas.Configuration;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The edge's hardware as one object: the CPU frequency controller, the energy meter, the execution
 * providers, the USB accelerator switch and the measured cost of each change. Plain Java; {@link
 * HardwareVerticle} wires it to Vert.x.
 *
 * @implNote thread-safe. {@link #open}, {@link #apply} and {@link #close} block (sysfs, I2C,
 *     processes): call them from a worker thread. {@link #switchCostMs}, {@link #energyMeter} and
 *     the getters cost no I/O.
 */
public final class Hardware implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Hardware.class);
  private static final int COST_WINDOW = 256;

  /**
   * The quantile {@link #switchCostMs} predicts at: the p95, so a switch is rarely cheaper than
   * predicted.
   */
  public static final double PREDICTION_QUANTILE = 0.95;

  private static final Duration NVIDIA_SMI_MIN_PERIOD = Duration.ofMillis(100);

  private final CpuFreq.Discovery cpuDiscovery;
  private final Optional<CpuFreqController> cpu;
  private final EnergyMeters.Selection energy;
  private final List<String> providers;
  private final Optional<UsbPowerSwitch> usb;
  private final Context ownedPi4j;
  private final List<String> notes;
  private final SwitchCostRecorder costs = new SwitchCostRecorder(COST_WINDOW);
  private volatile Configuration current;
  private volatile long changes;

  private Hardware(
      CpuFreq.Discovery cpuDiscovery,
      EnergyMeters.Selection energy,
      List<String> providers,
      Optional<UsbPowerSwitch> usb,
      Context ownedPi4j,
      List<String> notes) {
    this.cpuDiscovery = cpuDiscovery;
    this.cpu = CpuFreqController.open(cpuDiscovery);
    this.energy = energy;
    this.providers = List.copyOf(providers);
    this.usb = usb;
    this.ownedPi4j = ownedPi4j;
    List<String> all = new ArrayList<>(notes);
    cpu.flatMap(CpuFreqController::fixedReason).ifPresent(all::add);
    this.notes = List.copyOf(all);
  }

  /**
   * Finds and opens the hardware the options name. An INA sensor is opened on Pi4J's linuxfs I2C
   * provider; a sensor that fails to open is reported in {@link #notes()} and the next source is
   * used.
   *
   * @implNote blocks
   */
  public static Hardware open(HardwareOptions options) {
    Objects.requireNonNull(options, "options");
    List<String> notes = new ArrayList<>();
    CpuFreq.Discovery cpu = CpuFreq.discover(options.sysfsRoot());
    notes.addAll(cpu.problems());

    Context pi4j = null;
    Optional<PowerSampler> sampler = Optional.empty();
    List<String> sensorProblems = new ArrayList<>();
    if (options.ina().isPresent()) {
      try {
        pi4j = Pi4J.newContextBuilder().add(LinuxFsI2CProvider.newInstance()).build();
        PowerSensor sensor = InaSensors.open(pi4j, options.ina().get());
        sampler =
            Optional.of(PowerSampler.start(sensor, options.samplePeriod(), options.ringCapacity()));
      } catch (IOException | RuntimeException e) {
        sensorProblems.add(
            "ina sensor " + options.ina().get().describe() + " is unusable: " + e.getMessage());
        if (pi4j != null) {
          pi4j.shutdown();
          pi4j = null;
        }
      }
    } else if (options.nvidiaSmi()) {
      if (NvidiaSmiPowerSensor.onPath()) {
        Duration period =
            options.samplePeriod().compareTo(NVIDIA_SMI_MIN_PERIOD) < 0
                ? NVIDIA_SMI_MIN_PERIOD
                : options.samplePeriod();
        sampler =
            Optional.of(
                PowerSampler.start(new NvidiaSmiPowerSensor(), period, options.ringCapacity()));
      } else {
        sensorProblems.add("nvidia-smi is unusable: it is not on the PATH");
      }
    }
    EnergyMeters.Selection energy =
        EnergyMeters.select(sampler, sensorProblems, options.powercapRoot(), options.model());
    notes.addAll(energy.notes());

    List<String> providers;
    try {
      providers = ExecutionProviders.acceleratorNames();
    } catch (RuntimeException | LinkageError e) {
      providers = List.of();
      notes.add("onnx runtime execution providers unknown: " + e.getMessage());
    }
    Optional<UsbPowerSwitch> usb = options.usb().map(UsbPowerSwitch::new);
    if (usb.isEmpty()) {
      notes.add("no usb accelerator configured: its power is left alone");
    }
    Hardware hw = new Hardware(cpu, energy, providers, usb, pi4j, notes);
    hw.notes.forEach(n -> LOG.info("hardware: {}", n));
    return hw;
  }

  /** The cpufreq discovery this hardware was opened with. */
  public CpuFreq.Discovery cpuDiscovery() {
    return cpuDiscovery;
  }

  /** The CPU frequency controller, empty where the machine has no cpufreq. */
  public Optional<CpuFreqController> cpu() {
    return cpu;
  }

  /** The meter the data plane opens a window on per request. */
  public EnergyMeter energyMeter() {
    return energy.meter();
  }

  /** The energy source chosen and why. */
  public EnergyMeters.Selection energySelection() {
    return energy;
  }

  /** How the USB accelerator's power is switched, empty where none is configured. */
  public Optional<UsbPowerConfig> usbPower() {
    return usb.map(UsbPowerSwitch::config);
  }

  /** One line per thing found missing, fixed or chosen, for logs and {@code dynasplit hw}. */
  public List<String> notes() {
    return notes;
  }

  /**
   * The CPU frequencies the scheduler may choose, in MHz; empty when the frequency is not managed
   * here (no cpufreq), in which case {@code cpuFreqMHz} is ignored.
   */
  public List<Integer> cpuFrequenciesMHz() {
    return cpu.map(CpuFreqController::frequenciesMHz).orElse(List.of());
  }

  /**
   * The {@code edgeAccelerator} values this edge can take: {@code off}, providers, then USB
   * accelerator modes.
   */
  public List<String> edgeAccelerators() {
    List<String> out = new ArrayList<>();
    out.add(Configuration.ACCELERATOR_OFF);
    out.addAll(providers);
    usb.ifPresent(u -> u.config().modes().stream().sorted().forEach(out::add));
    return List.copyOf(out);
  }

  /** The configuration in force, empty before the first {@link #apply}. */
  public Optional<Configuration> current() {
    return Optional.ofNullable(current);
  }

  /**
   * Applies the hardware part of {@code target} (CPU frequency, USB accelerator power); changes
   * nothing that is already right, and records the cost of each change.
   *
   * @throws HardwareException if the target asks for what this edge lacks or a change fails
   * @implNote blocks; serialized
   */
  public synchronized AppliedConfiguration apply(Configuration target) throws HardwareException {
    Objects.requireNonNull(target, "target");
    long start = System.nanoTime();
    if (!edgeAccelerators().contains(target.edgeAccelerator())) {
      throw new HardwareException(
          HardwareException.Part.UNSUPPORTED,
          "edge accelerator '"
              + target.edgeAccelerator()
              + "' is not available here; available: "
              + edgeAccelerators(),
          null);
    }
    boolean cpuChanged = false;
    if (cpu.isPresent()) {
      try {
        CpuFreqController.Change change = cpu.get().apply(target.cpuFreqMHz());
        if (change.changed()) {
          cpuChanged = true;
          costs.record(ChangeKind.CPU_FREQUENCY, change.nanos());
        }
      } catch (CpuFreqException e) {
        throw new HardwareException(
            e.reason() == CpuFreqException.Reason.UNSUPPORTED_FREQUENCY
                    || e.reason() == CpuFreqException.Reason.FIXED
                ? HardwareException.Part.UNSUPPORTED
                : HardwareException.Part.CPU_FREQUENCY,
            e.getMessage(),
            e);
      }
    }
    boolean usbChanged = false;
    if (usb.isPresent()) {
      boolean on = usb.get().config().modes().contains(target.edgeAccelerator());
      long t0 = System.nanoTime();
      try {
        usbChanged = usb.get().set(on);
      } catch (IOException e) {
        throw new HardwareException(
            HardwareException.Part.ACCELERATOR_POWER,
            "usb accelerator power " + (on ? "on" : "off") + " failed: " + e.getMessage(),
            e);
      }
      if (usbChanged) {
        costs.record(ChangeKind.EDGE_ACCELERATOR, System.nanoTime() - t0);
      }
    }
    long nanos = System.nanoTime() - start;
    if (cpuChanged || usbChanged) {
      changes++;
    } else {
      costs.recordNoChange(nanos);
    }
    current = target;
    return new AppliedConfiguration(target, cpuChanged, usbChanged, nanos / 1e6);
  }

  /**
   * The predicted cost in milliseconds of moving from the hardware in force to {@code target}, at
   * the {@link #PREDICTION_QUANTILE}: {@link SwitchCosts#costMs(java.util.Collection, double)} over
   * the changes {@link #apply} would really make (a frequency where cpufreq is managed, the USB
   * accelerator's power where one is configured), or the no-change cost when it would make none.
   * Kinds not measured yet count 0.
   *
   * @implNote no I/O, no locks beyond a snapshot of the cost recorder: microseconds
   */
  public double switchCostMs(Configuration target) {
    EnumSet<ChangeKind> changes = EnumSet.noneOf(ChangeKind.class);
    if (cpu.isPresent() && target.cpuFreqMHz() != 0 && target.cpuFreqMHz() != appliedMHz()) {
      changes.add(ChangeKind.CPU_FREQUENCY);
    }
    if (usb.isPresent()) {
      boolean on = usb.get().config().modes().contains(target.edgeAccelerator());
      Boolean powered = usb.get().powered();
      if (powered == null || powered != on) {
        changes.add(ChangeKind.EDGE_ACCELERATOR);
      }
    }
    return costs.snapshot().costMs(changes, PREDICTION_QUANTILE);
  }

  /**
   * The measured cost of each kind of change so far, as the scheduler takes them ({@code
   * setSwitchCosts}).
   */
  public SwitchCosts switchCosts() {
    return costs.snapshot();
  }

  /**
   * The state for telemetry.
   *
   * @param watts mean power over the last telemetry period, by the energy meter
   */
  public HardwareState state(double watts) {
    Configuration c = current;
    SwitchCosts measured = costs.snapshot();
    Map<String, SwitchCosts.Cost> byName = new LinkedHashMap<>();
    for (ChangeKind k : ChangeKind.values()) {
      byName.put(k.wireName(), measured.cost(k));
    }
    byName.put(HardwareState.NO_CHANGE, measured.noChange());
    String usbPower =
        usb.map(u -> u.powered() == null ? "unknown" : u.powered() ? "on" : "off").orElse("none");
    return new HardwareState(
        cpu.isPresent(),
        cpu.map(CpuFreqController::isFixed).orElse(false),
        appliedMHz(),
        c == null ? Configuration.ACCELERATOR_OFF : c.edgeAccelerator(),
        c == null ? 0 : c.threads(),
        usbPower,
        energy.source().wireName(),
        watts,
        changes,
        byName);
  }

  private int appliedMHz() {
    if (cpu.isEmpty()) {
      return 0;
    }
    if (cpu.get().isFixed()) {
      return cpu.get().fixedMHz().orElse(0);
    }
    Configuration c = current;
    if (c != null && c.cpuFreqMHz() != 0) {
      return c.cpuFreqMHz();
    }
    return Math.round(cpu.get().policies().getFirst().curKHz() / 1000f);
  }

  /** Stops sampling and releases the I2C bus; safe to call twice. */
  @Override
  public void close() {
    energy.meter().close();
    if (ownedPi4j != null && !ownedPi4j.isShutdown()) {
      ownedPi4j.shutdown();
    }
  }
}
