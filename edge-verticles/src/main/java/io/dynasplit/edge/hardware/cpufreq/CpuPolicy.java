package io.dynasplit.edge.hardware.cpufreq;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One cpufreq policy as read from sysfs: the CPUs it governs, what it offers and its state at the
 * time of reading. Frequencies are in kHz, as sysfs has them.
 *
 * @param name the policy folder's name, e.g. {@code policy0}
 * @param dir the policy folder
 * @param cpus the CPUs it governs ({@code affected_cpus})
 * @param driver the scaling driver, e.g. {@code cpufreq-dt}; {@code unknown} if not readable
 * @param availableKHz the frequencies the driver lists, ascending; empty where the driver lists
 *     none
 * @param governors the available governors
 * @param governor the current governor
 * @param curKHz the current frequency ({@code scaling_cur_freq})
 * @param minKHz the current floor ({@code scaling_min_freq})
 * @param maxKHz the current ceiling ({@code scaling_max_freq})
 * @param hardwareMinKHz the hardware's lowest frequency ({@code cpuinfo_min_freq})
 * @param hardwareMaxKHz the hardware's highest frequency ({@code cpuinfo_max_freq})
 * @param writable whether this process may write the files that change the frequency
 */
public record CpuPolicy(
    String name,
    Path dir,
    List<Integer> cpus,
    String driver,
    List<Integer> availableKHz,
    List<String> governors,
    String governor,
    int curKHz,
    int minKHz,
    int maxKHz,
    int hardwareMinKHz,
    int hardwareMaxKHz,
    boolean writable) {

  /** Checks and copies. */
  public CpuPolicy {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(dir, "dir");
    Objects.requireNonNull(driver, "driver");
    Objects.requireNonNull(governor, "governor");
    cpus = List.copyOf(cpus);
    availableKHz = List.copyOf(availableKHz);
    governors = List.copyOf(governors);
    if (hardwareMinKHz <= 0 || hardwareMaxKHz < hardwareMinKHz) {
      throw new IllegalArgumentException(
          "hardware frequency range of "
              + name
              + " is invalid: ["
              + hardwareMinKHz
              + ", "
              + hardwareMaxKHz
              + "] kHz");
    }
  }

  /** Whether the {@code userspace} governor is available, so a frequency can be set directly. */
  public boolean hasUserspace() {
    return governors.contains(CpuFreq.USERSPACE);
  }
}
