package io.dynasplit.energy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One top-level Intel RAPL power zone of the powercap sysfs (a CPU package), e.g. {@code
 * intel-rapl:0}.
 *
 * @param id the zone's folder name, e.g. {@code intel-rapl:0}
 * @param name the zone's {@code name} file, e.g. {@code package-0}
 * @param dir the zone's folder
 * @param maxEnergyRangeUj the counter's range from {@code max_energy_range_uj}; it wraps to 0 past
 *     it
 */
public record RaplZone(String id, String name, Path dir, long maxEnergyRangeUj) {

  /** Checks the values. */
  public RaplZone {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(dir, "dir");
    if (maxEnergyRangeUj <= 0) {
      throw new IllegalArgumentException("maxEnergyRangeUj must be > 0: " + maxEnergyRangeUj);
    }
  }

  /**
   * Reads the zone's cumulative energy counter {@code energy_uj}.
   *
   * @implNote blocks on one small sysfs read (microseconds)
   */
  public long readMicrojoules() throws IOException {
    String text = Files.readString(dir.resolve("energy_uj")).trim();
    try {
      long uj = Long.parseLong(text);
      if (uj < 0 || uj > maxEnergyRangeUj) {
        throw new IOException(
            "energy_uj out of range [0, " + maxEnergyRangeUj + "]: " + uj + " [zone: " + id + "]");
      }
      return uj;
    } catch (NumberFormatException e) {
      throw new IOException("energy_uj is not a number: '" + text + "' [zone: " + id + "]", e);
    }
  }

  /**
   * Energy between two counter readings in microjoules, allowing for one wraparound of the counter.
   *
   * <p>A counter below its earlier reading has wrapped once: the energy is what was left to the
   * range plus what came after it. Windows must be shorter than one wrap period (tens of minutes at
   * full package power).
   */
  public long deltaMicrojoules(long before, long after) {
    return after >= before ? after - before : maxEnergyRangeUj - before + after;
  }
}
