package io.dynasplit.app.command;

import ai.onnxruntime.OrtProvider;
import io.dynasplit.edge.hardware.Hardware;
import io.dynasplit.edge.hardware.HardwareOptions;
import io.dynasplit.edge.hardware.accel.ExecutionProviders;
import io.dynasplit.edge.hardware.cpufreq.CpuFreqController;
import io.dynasplit.edge.hardware.cpufreq.CpuPolicy;
import io.dynasplit.energy.EnergyMeter;
import io.dynasplit.energy.EnergyReading;
import io.dynasplit.energy.FallbackEnergyMeter;
import io.dynasplit.energy.PowerModel;
import io.dynasplit.energy.PowerModelCalibration;
import io.dynasplit.energy.PowerSampler;
import io.dynasplit.energy.SampledEnergyMeter;
import io.dynasplit.energy.ina.InaConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code dynasplit hw}: what hardware this machine offers DynaSplit, and optionally a power sample.
 */
@Command(
    name = "hw",
    mixinStandardHelpOptions = true,
    description =
        "Print the hardware DynaSplit finds here: cpu frequency policies with their frequencies,"
            + " governors and permissions, ONNX Runtime execution providers, power sensors and the"
            + " energy source, with a line for each thing missing. With --sample, sample power for"
            + " a while and print mean watts and joules; with --calibrate, fit the power model to a"
            + " sensor. --usb-on/--usb-off configure a USB accelerator's power switch (shown here,"
            + " run when a configuration needs it).")
public final class HwCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--sysfs-root",
      paramLabel = "DIR",
      defaultValue = "/sys",
      description =
          "sysfs root holding devices/system/cpu/cpufreq (default: ${DEFAULT-VALUE}); a copy of a"
              + " board's tree or a fake one works too")
  Path sysfsRoot;

  @Option(
      names = "--ina",
      paramLabel = "SPEC",
      converter = InaConverter.class,
      description =
          "an INA sensor on I2C: chip:bus:address[:shuntOhms:maxAmps], e.g. ina219:1:0x40:0.1:3.2"
              + " or ina260:1:0x40")
  InaConfig ina;

  @Mixin EnergyOptions energy;

  @Mixin UsbPowerOptions usb;

  @Option(
      names = "--sample",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description =
          "sample power for this long (e.g. 5s, 500ms, 1m) and print mean watts and joules")
  Duration sample;

  @Option(
      names = "--calibrate",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description =
          "calibrate the power model against the measuring source (an INA sensor or RAPL): hold 0"
              + " to all cores busy for DURATION each, fit idle and per-core watts, print them")
  Duration calibrate;

  @Option(
      names = "--period",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      defaultValue = "1ms",
      description = "power sensor sampling period (default: ${DEFAULT-VALUE})")
  Duration period;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if (sample != null && (sample.isNegative() || sample.isZero())) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--sample must be > 0: " + sample);
    }
    if (calibrate != null && (calibrate.isNegative() || calibrate.isZero())) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--calibrate must be > 0: " + calibrate);
    }
    HardwareOptions options = options();
    try (Hardware hw = Hardware.open(options)) {
      printCpu(out, hw);
      printAccelerators(out, hw);
      printEnergy(out, hw);
      if (sample != null) {
        sample(out, hw);
      }
      if (calibrate != null) {
        return calibrate(out, hw);
      }
    }
    out.flush();
    return 0;
  }

  private HardwareOptions options() {
    PowerModel model = energy.model(spec, HardwareOptions.defaults().model());
    HardwareOptions options;
    try {
      options =
          HardwareOptions.defaults()
              .withSysfsRoot(sysfsRoot)
              .withPowercapRoot(energy.powercapRoot())
              .withNvidiaSmi(energy.nvidiaSmi())
              .withSamplePeriod(period)
              .withModel(model);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    options = usb.config(spec).map(options::withUsb).orElse(options);
    return ina == null ? options : options.withIna(ina);
  }

  private static void printCpu(PrintWriter out, Hardware hw) {
    out.println("cpu frequency (cpufreq under " + hw.cpuDiscovery().cpufreqDir() + ")");
    hw.cpuDiscovery().problems().forEach(p -> out.println("  " + p));
    Optional<CpuFreqController> cpu = hw.cpu();
    for (CpuPolicy p : hw.cpuDiscovery().policies()) {
      out.printf(
          Locale.ROOT,
          "  %s: cpus %s, driver %s, governor %s%n",
          p.name(),
          p.cpus(),
          p.driver(),
          p.governor());
      out.println(
          "    frequencies: "
              + (p.availableKHz().isEmpty()
                  ? "none listed by the driver; hardware range "
                      + mhz(p.hardwareMinKHz())
                      + " to "
                      + mhz(p.hardwareMaxKHz())
                      + " MHz"
                  : p.availableKHz().stream()
                          .map(HwCommand::mhz)
                          .map(String::valueOf)
                          .collect(Collectors.joining(" "))
                      + " MHz"));
      out.println("    governors: " + String.join(" ", p.governors()));
      out.printf(
          Locale.ROOT,
          "    now %d MHz (floor %d, ceiling %d MHz)%n",
          mhz(p.curKHz()),
          mhz(p.minKHz()),
          mhz(p.maxKHz()));
      out.println(
          "    writable: "
              + (!p.writable()
                  ? "no"
                  : p.hasUserspace()
                      ? "yes, with the userspace governor and scaling_setspeed"
                      : "yes, by pinning scaling_min_freq and scaling_max_freq (no userspace"
                          + " governor)"));
    }
    cpu.flatMap(CpuFreqController::fixedReason).ifPresent(r -> out.println("  fixed: " + r));
    if (cpu.isEmpty()) {
      out.println("  the cpu frequency is not managed here: configurations' cpuFreqMHz is ignored");
    } else {
      out.println("  frequencies the scheduler may choose: " + hw.cpuFrequenciesMHz() + " MHz");
    }
  }

  private static void printAccelerators(PrintWriter out, Hardware hw) {
    out.println("accelerators");
    String all =
        ExecutionProviders.available().stream()
            .map(OrtProvider::getName)
            .collect(Collectors.joining(", "));
    out.println("  onnx runtime execution providers: " + all);
    List<String> accelerating = ExecutionProviders.acceleratorNames();
    if (accelerating.isEmpty()) {
      out.println("  no accelerating execution provider in this onnx runtime build");
    }
    out.println("  edgeAccelerator values: " + hw.edgeAccelerators());
    out.println(
        "  threads per session: 1 to "
            + Runtime.getRuntime().availableProcessors()
            + " (cores), 0 for onnx runtime's default");
    hw.notes().stream()
        .filter(n -> n.startsWith("no usb accelerator"))
        .forEach(n -> out.println("  " + n));
    hw.usbPower()
        .ifPresent(
            u ->
                out.println(
                    "  usb accelerator for edgeAccelerator "
                        + u.modes().stream().sorted().toList()
                        + ": powered on by '"
                        + String.join(" ", u.onCommand())
                        + "', off by '"
                        + String.join(" ", u.offCommand())
                        + "' (timeout "
                        + u.timeout().toMillis()
                        + " ms; hw runs neither)"));
  }

  private static void printEnergy(PrintWriter out, Hardware hw) {
    out.println("power and energy");
    hw.energySelection().notes().forEach(n -> out.println("  " + n));
    out.println("  energy source for replies: " + hw.energyMeter().source().wireName());
  }

  private void sample(PrintWriter out, Hardware hw) throws InterruptedException {
    EnergyMeter meter = hw.energyMeter();
    Optional<PowerSampler> sampler = samplerOf(meter);
    if (sampler.isPresent() && !sampler.get().awaitFirstSample(Duration.ofSeconds(5))) {
      out.println(
          "the power sensor gave no sample within 5 s: " + sampler.get().stats().lastError());
    }
    long totalMs = sample.toMillis();
    EnergyReading reading;
    try (ProgressBar bar =
        new ProgressBarBuilder()
            .setTaskName("sampling power")
            .setInitialMax(totalMs)
            .setUnit(" s", 1000)
            .setStyle(ProgressBarStyle.ASCII)
            .continuousUpdate()
            .build()) {
      EnergyMeter.Window window = meter.open(); // after the bar is up: building it takes a while
      long start = System.nanoTime();
      long elapsed;
      while ((elapsed = (System.nanoTime() - start) / 1_000_000) < totalMs) {
        bar.stepTo(elapsed);
        Thread.sleep(Math.min(100, totalMs - elapsed));
      }
      reading = window.close();
      bar.stepTo(totalMs);
    }
    out.printf(
        Locale.ROOT,
        "sampled %.2f s: mean %.3f W, %.3f J (source %s%s)%n",
        reading.seconds(),
        reading.meanWatts(),
        reading.joules(),
        reading.source().wireName(),
        reading.source().measured()
            ? ""
            : ": an estimate from process cpu time, not a measurement");
    sampler.ifPresent(
        s -> {
          PowerSampler.Stats st = s.stats();
          out.printf(
              Locale.ROOT,
              "sampler: %d samples, %d failed reads, mean read %.1f us, sampler cpu %.1f ms%n",
              st.samples(),
              st.errors(),
              st.meanReadMicros(),
              st.threadCpuNanos() / 1e6);
        });
  }

  private int calibrate(PrintWriter out, Hardware hw) throws InterruptedException {
    EnergyMeter meter = hw.energyMeter();
    if (!meter.source().measured()) {
      throw new CommandFailure(
          "cannot calibrate: nothing measures power here (energy is "
              + meter.source().wireName()
              + "); give --ina, --nvidia-smi or a readable --powercap-root");
    }
    int cores = Runtime.getRuntime().availableProcessors();
    List<PowerModelCalibration.Point> points;
    try (ProgressBar bar =
        new ProgressBarBuilder()
            .setTaskName("calibrating")
            .setInitialMax(cores + 1L)
            .setUnit(" steps", 1)
            .setStyle(ProgressBarStyle.ASCII)
            .build()) {
      points = PowerModelCalibration.measure(meter, cores, calibrate, bar::stepTo);
      bar.stepTo(cores + 1L);
    }
    for (PowerModelCalibration.Point p : points) {
      out.printf(
          Locale.ROOT,
          "  %.2f busy cores: %.3f W (source %s)%n",
          p.busyCores(),
          p.watts(),
          meter.source().wireName());
    }
    try {
      PowerModel model = PowerModelCalibration.fit(points, cores);
      out.printf(
          Locale.ROOT,
          "calibrated: %.3f W idle + %.3f W per busy core; use --idle-watts %.3f"
              + " --watts-per-core %.3f%n",
          model.idleWatts(),
          model.wattsPerBusyCore(),
          model.idleWatts(),
          model.wattsPerBusyCore());
      return 0;
    } catch (IllegalArgumentException e) {
      throw new CommandFailure("calibration failed: " + e.getMessage());
    }
  }

  private static Optional<PowerSampler> samplerOf(EnergyMeter meter) {
    EnergyMeter m = meter instanceof FallbackEnergyMeter f ? f.primary() : meter;
    return m instanceof SampledEnergyMeter s ? Optional.of(s.sampler()) : Optional.empty();
  }

  private static int mhz(int kHz) {
    return Math.round(kHz / 1000f);
  }

  /** Parses an INA sensor spec. */
  static final class InaConverter implements CommandLine.ITypeConverter<InaConfig> {
    @Override
    public InaConfig convert(String value) {
      try {
        return InaConfig.parse(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }

  /**
   * Parses {@code 5s}, {@code 500ms}, {@code 2m}, {@code 1h} or an ISO-8601 duration such as {@code
   * PT5S}.
   */
  static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      String v = value.trim().toLowerCase(Locale.ROOT);
      try {
        if (v.startsWith("pt")) {
          return Duration.parse(v.toUpperCase(Locale.ROOT));
        }
        if (v.endsWith("ms")) {
          return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
        }
        if (v.endsWith("s")) {
          return Duration.ofMillis(
              Math.round(Double.parseDouble(v.substring(0, v.length() - 1)) * 1000));
        }
        if (v.endsWith("m")) {
          return Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1)) * 60);
        }
        if (v.endsWith("h")) {
          return Duration.ofHours(Long.parseLong(v.substring(0, v.length() - 1)));
        }
      } catch (RuntimeException e) {
        throw new CommandLine.TypeConversionException(
            "not a duration: '" + value + "' (e.g. 5s, 500ms, 2m)");
      }
      throw new CommandLine.TypeConversionException(
          "not a duration: '" + value + "' (e.g. 5s, 500ms, 2m)");
    }
  }
}
