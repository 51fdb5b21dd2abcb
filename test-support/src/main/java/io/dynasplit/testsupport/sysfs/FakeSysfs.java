package io.dynasplit.testsupport.sysfs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A fake sysfs root: {@code devices/system/cpu/cpufreq/policyN/...} and {@code
 * class/powercap/intel-rapl:N/...} under a folder, with the files the kernel has and their formats
 * (frequencies in kHz, space-separated lists).
 *
 * <p>A policy's {@code scaling_cur_freq} is a symbolic link to the file the kernel would honour
 * (see {@link CurFreq}), so reading it back after a write sees what was written, as on a board.
 * {@link #staleCurFreq} replaces it by a plain file that ignores writes, as a driver that refuses a
 * frequency would.
 *
 * {@snippet :
 * FakeSysfs sysfs = FakeSysfs.at(tempDir)
 *     .policy(0, List.of(600_000, 1_200_000, 1_800_000), List.of("ondemand", "userspace", "performance"), 1_800_000);
 * Path root = sysfs.root(); // hand to the cpufreq code as its sysfs root
 * }
 */
public final class FakeSysfs {

  /** Which file a fake {@code scaling_cur_freq} follows. */
  public enum CurFreq {
    /** {@code scaling_setspeed}: the userspace governor's target. */
    SETSPEED,
    /** {@code scaling_max_freq}: the ceiling a min/max pin sets. */
    MAX
  }

  private final Path root;

  private FakeSysfs(Path root) {
    this.root = root;
  }

  /** A fake root in {@code dir} (created if needed). */
  public static FakeSysfs at(Path dir) {
    Objects.requireNonNull(dir, "dir");
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new FakeSysfs(dir);
  }

  /** The root to hand to code under test (what {@code /sys} is on a machine). */
  public Path root() {
    return root;
  }

  /** The cpufreq folder, {@code devices/system/cpu/cpufreq}. */
  public Path cpufreqDir() {
    return root.resolve("devices/system/cpu/cpufreq");
  }

  /** A policy's folder. */
  public Path policyDir(int index) {
    return cpufreqDir().resolve("policy" + index);
  }

  /** The powercap folder, {@code class/powercap}. */
  public Path powercapDir() {
    return root.resolve("class/powercap");
  }

  /**
   * Adds cpufreq policy {@code index} covering CPU {@code index}, with {@code scaling_cur_freq}
   * following {@code scaling_setspeed} when {@code userspace} is among the governors, else {@code
   * scaling_max_freq}.
   *
   * @param frequenciesKHz the available frequencies, ascending
   * @param governors the available governors; the first is the current one
   * @param currentKHz the current frequency
   */
  public FakeSysfs policy(
      int index, List<Integer> frequenciesKHz, List<String> governors, int currentKHz) {
    return policy(
        index,
        frequenciesKHz,
        governors,
        currentKHz,
        governors.contains("userspace") ? CurFreq.SETSPEED : CurFreq.MAX);
  }

  /** Adds cpufreq policy {@code index} with {@code scaling_cur_freq} following the given file. */
  public FakeSysfs policy(
      int index,
      List<Integer> frequenciesKHz,
      List<String> governors,
      int currentKHz,
      CurFreq follows) {
    if (frequenciesKHz.isEmpty() || governors.isEmpty()) {
      throw new IllegalArgumentException("a policy needs frequencies and governors");
    }
    Path dir = policyDir(index);
    int min = frequenciesKHz.getFirst();
    int max = frequenciesKHz.getLast();
    write(dir.resolve("affected_cpus"), String.valueOf(index));
    write(dir.resolve("related_cpus"), String.valueOf(index));
    write(dir.resolve("cpuinfo_min_freq"), String.valueOf(min));
    write(dir.resolve("cpuinfo_max_freq"), String.valueOf(max));
    write(dir.resolve("scaling_driver"), "fake-cpufreq");
    write(
        dir.resolve("scaling_available_frequencies"),
        frequenciesKHz.stream().map(String::valueOf).collect(Collectors.joining(" ")) + " ");
    write(dir.resolve("scaling_available_governors"), String.join(" ", governors));
    write(dir.resolve("scaling_governor"), governors.getFirst());
    write(dir.resolve("scaling_min_freq"), String.valueOf(min));
    write(
        dir.resolve("scaling_max_freq"), String.valueOf(follows == CurFreq.MAX ? currentKHz : max));
    write(
        dir.resolve("scaling_setspeed"),
        follows == CurFreq.SETSPEED ? String.valueOf(currentKHz) : "<unsupported>");
    link(
        dir.resolve("scaling_cur_freq"),
        follows == CurFreq.SETSPEED ? "scaling_setspeed" : "scaling_max_freq");
    return this;
  }

  /**
   * Removes the write permission of every writable file of policy {@code index}, as sysfs shows to
   * non-root.
   */
  public FakeSysfs readOnly(int index) {
    for (String f :
        List.of("scaling_governor", "scaling_setspeed", "scaling_min_freq", "scaling_max_freq")) {
      try {
        Files.setPosixFilePermissions(
            policyDir(index).resolve(f), PosixFilePermissions.fromString("r--r--r--"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return this;
  }

  /** Makes policy {@code index}'s {@code scaling_cur_freq} a plain file stuck at {@code kHz}. */
  public FakeSysfs staleCurFreq(int index, int kHz) {
    Path cur = policyDir(index).resolve("scaling_cur_freq");
    try {
      Files.deleteIfExists(cur);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    write(cur, String.valueOf(kHz));
    return this;
  }

  /** Reads one file of policy {@code index}, trimmed. */
  public String read(int index, String file) {
    try {
      return Files.readString(policyDir(index).resolve(file)).trim();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Adds a RAPL package zone {@code intel-rapl:N} named {@code package-N} with one sub-zone ({@code
   * core}).
   *
   * @param energyUj the counter's current value
   * @param maxEnergyRangeUj the counter's range
   */
  public FakeSysfs raplZone(int index, long energyUj, long maxEnergyRangeUj) {
    Path dir = powercapDir().resolve("intel-rapl:" + index);
    write(dir.resolve("name"), "package-" + index);
    write(dir.resolve("enabled"), "1");
    write(dir.resolve("max_energy_range_uj"), String.valueOf(maxEnergyRangeUj));
    write(dir.resolve("energy_uj"), String.valueOf(energyUj));
    Path sub = powercapDir().resolve("intel-rapl:" + index + ":0");
    write(sub.resolve("name"), "core");
    write(sub.resolve("max_energy_range_uj"), String.valueOf(maxEnergyRangeUj));
    write(sub.resolve("energy_uj"), "0");
    return this;
  }

  /** Sets RAPL zone {@code index}'s counter, as the hardware advancing would. */
  public FakeSysfs raplEnergy(int index, long energyUj) {
    write(
        powercapDir().resolve("intel-rapl:" + index).resolve("energy_uj"),
        String.valueOf(energyUj));
    return this;
  }

  private static void write(Path file, String content) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, content + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void link(Path link, String target) {
    try {
      Files.deleteIfExists(link);
      Files.createSymbolicLink(link, Path.of(target));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
