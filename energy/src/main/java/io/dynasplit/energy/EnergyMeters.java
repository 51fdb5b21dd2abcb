package io.dynasplit.energy;

import io.dynasplit.schemas.EnergySource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Picks the best energy source on this machine: a sampled power sensor where one is configured (an
 * INA board, a GPU), else Intel RAPL where its counters can be read, else the calibrated {@link
 * PowerModel}.
 *
 * <p>A measuring meter is wrapped in a {@link FallbackEnergyMeter} over the model, so a window
 * whose measurement fails still gets a figure, labelled {@code model}.
 *
 * {@snippet :
 * EnergyMeters.Selection chosen = EnergyMeters.select(Optional.empty(), Rapl.DEFAULT_ROOT, model);
 * EnergyMeter meter = chosen.meter();   // hand to the data plane
 * chosen.notes().forEach(LOG::info);    // why this source
 * }
 */
public final class EnergyMeters {

  private EnergyMeters() {}

  /**
   * The chosen meter and why.
   *
   * @param meter the meter to use; its {@link EnergyMeter#source()} is the chosen source
   * @param notes one line per source tried, in order, saying what was found or missing
   */
  public record Selection(EnergyMeter meter, List<String> notes) {
    /** Checks and copies. */
    public Selection {
      Objects.requireNonNull(meter, "meter");
      notes = List.copyOf(notes);
    }

    /** The source of the chosen meter. */
    public EnergySource source() {
      return meter.source();
    }
  }

  /**
   * Chooses a meter where no sensor was configured or the one configured works.
   *
   * @see #select(Optional, List, Path, PowerModel)
   */
  public static Selection select(
      Optional<PowerSampler> sensor, Path powercapRoot, PowerModel model) {
    return select(sensor, List.of(), powercapRoot, model);
  }

  /**
   * Chooses a meter.
   *
   * @param sensor a running sampler of a configured power sensor, if any; the returned meter owns
   *     it
   * @param sensorProblems why a configured sensor could not be used, one line each (e.g. an INA
   *     sensor whose bus failed to open, {@code nvidia-smi} missing); empty when none was
   *     configured or it works. The notes then say the sensor is configured but unusable, rather
   *     than that none is configured.
   * @param powercapRoot where to look for RAPL, normally {@link Rapl#DEFAULT_ROOT}
   * @param model the device's power model, used alone or as the fallback
   * @implNote blocks on a few sysfs reads; call at start-up, not per request
   */
  public static Selection select(
      Optional<PowerSampler> sensor,
      List<String> sensorProblems,
      Path powercapRoot,
      PowerModel model) {
    Objects.requireNonNull(sensor, "sensor");
    Objects.requireNonNull(powercapRoot, "powercapRoot");
    ModelEnergyMeter estimate = new ModelEnergyMeter(model);
    List<String> notes = new ArrayList<>(List.copyOf(sensorProblems));
    if (sensor.isPresent()) {
      PowerSampler s = sensor.get();
      notes.add(
          "energy is measured by "
              + s.sensor().description()
              + " sampled every "
              + s.period().toNanos() / 1e6
              + " ms (source "
              + s.sensor().source().wireName()
              + ")");
      return new Selection(new FallbackEnergyMeter(new SampledEnergyMeter(s), estimate), notes);
    }
    Rapl.Discovery rapl = Rapl.discover(powercapRoot);
    if (sensorProblems.isEmpty()) {
      notes.add("no power sensor configured (ina219, ina226, ina260 or nvidia-smi)");
    } else {
      notes.add(
          "power sensor configured, unusable; energy is "
              + (rapl.available() ? "measured by rapl instead" : "modelled"));
    }
    notes.addAll(rapl.problems());
    if (rapl.available()) {
      notes.add(
          "energy is measured by rapl over "
              + rapl.zones().stream().map(z -> z.id() + " (" + z.name() + ")").toList()
              + " (source rapl; cpu packages only, not the whole machine)");
      return new Selection(
          new FallbackEnergyMeter(new RaplEnergyMeter(rapl.zones()), estimate), notes);
    }
    notes.add(describeModel(model));
    return new Selection(estimate, notes);
  }

  /** The line that says energy is modelled and with which figures. */
  public static String describeModel(PowerModel model) {
    return String.format(
        java.util.Locale.ROOT,
        "energy is modelled (source model): %.3f W idle + %.3f W per busy core, up to %d cores,"
            + " from process cpu time",
        model.idleWatts(),
        model.wattsPerBusyCore(),
        model.cores());
  }
}
