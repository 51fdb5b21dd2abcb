package io.dynasplit.edge.hardware.cpufreq;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Reads the cpufreq policies under a sysfs root (normally {@code /sys}). */
public final class CpuFreq {

  /** The real sysfs root. */
  public static final Path DEFAULT_SYSFS_ROOT = Path.of("/sys");

  /** The governor that lets user space set the frequency through {@code scaling_setspeed}. */
  public static final String USERSPACE = "userspace";

  private static final Pattern POLICY = Pattern.compile("policy\\d+");

  private CpuFreq() {}

  /**
   * What a look at a sysfs root found.
   *
   * @param cpufreqDir the folder looked in, {@code <root>/devices/system/cpu/cpufreq}
   * @param policies the policies, by number
   * @param problems one line per thing missing or unreadable; empty when all is well
   */
  public record Discovery(Path cpufreqDir, List<CpuPolicy> policies, List<String> problems) {
    /** Copies the lists. */
    public Discovery {
      policies = List.copyOf(policies);
      problems = List.copyOf(problems);
    }

    /** Whether at least one policy was found. */
    public boolean available() {
      return !policies.isEmpty();
    }
  }

  /** The cpufreq folder under a sysfs root. */
  public static Path cpufreqDir(Path sysfsRoot) {
    return sysfsRoot.resolve("devices/system/cpu/cpufreq");
  }

  /**
   * Reads every policy under {@code sysfsRoot}.
   *
   * @implNote blocks on a few dozen small sysfs reads
   */
  public static Discovery discover(Path sysfsRoot) {
    Path dir = cpufreqDir(sysfsRoot);
    List<CpuPolicy> policies = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      problems.add(
          "no cpufreq: " + dir + " does not exist (no cpufreq driver, or a virtual machine)");
      return new Discovery(dir, policies, problems);
    }
    List<Path> dirs;
    try (Stream<Path> list = Files.list(dir)) {
      dirs =
          list.filter(p -> POLICY.matcher(p.getFileName().toString()).matches())
              .sorted(
                  Comparator.comparingInt(
                      p -> Integer.parseInt(p.getFileName().toString().substring(6))))
              .toList();
    } catch (IOException e) {
      problems.add("no cpufreq: cannot list " + dir + ": " + e.getMessage());
      return new Discovery(dir, policies, problems);
    }
    if (dirs.isEmpty()) {
      problems.add(
          "no cpufreq: " + dir + " has no policy (no cpufreq driver, or a virtual machine)");
    }
    for (Path p : dirs) {
      try {
        policies.add(readPolicy(p));
      } catch (IOException | RuntimeException e) {
        problems.add("cpufreq " + p.getFileName() + " is unusable: " + e.getMessage());
      }
    }
    return new Discovery(dir, policies, problems);
  }

  /** Reads one policy folder. */
  static CpuPolicy readPolicy(Path dir) throws IOException {
    String name = dir.getFileName().toString();
    List<Integer> available =
        Files.exists(dir.resolve("scaling_available_frequencies"))
            ? ints(dir, "scaling_available_frequencies").stream().sorted().distinct().toList()
            : List.of();
    List<String> governors = words(dir, "scaling_available_governors");
    String governor = read(dir, "scaling_governor");
    boolean writable =
        governors.contains(USERSPACE)
            ? canWrite(dir.resolve("scaling_governor")) && canWrite(dir.resolve("scaling_setspeed"))
            : canWrite(dir.resolve("scaling_min_freq"))
                && canWrite(dir.resolve("scaling_max_freq"));
    return new CpuPolicy(
        name,
        dir,
        Files.exists(dir.resolve("affected_cpus")) ? ints(dir, "affected_cpus") : List.of(),
        Files.exists(dir.resolve("scaling_driver")) ? read(dir, "scaling_driver") : "unknown",
        available,
        governors,
        governor,
        readInt(dir, "scaling_cur_freq"),
        readInt(dir, "scaling_min_freq"),
        readInt(dir, "scaling_max_freq"),
        readInt(dir, "cpuinfo_min_freq"),
        readInt(dir, "cpuinfo_max_freq"),
        writable);
  }

  /**
   * Whether this process may write a sysfs attribute: the file must grant write to someone (sysfs
   * refuses writes to attributes without a write bit, even to root) and the file system must let
   * this process write it.
   */
  static boolean canWrite(Path file) {
    try {
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
      boolean anyWrite =
          perms.contains(PosixFilePermission.OWNER_WRITE)
              || perms.contains(PosixFilePermission.GROUP_WRITE)
              || perms.contains(PosixFilePermission.OTHERS_WRITE);
      return anyWrite && Files.isWritable(file);
    } catch (IOException | UnsupportedOperationException e) {
      return Files.isWritable(file);
    }
  }

  static String read(Path dir, String file) throws IOException {
    return Files.readString(dir.resolve(file)).trim();
  }

  static int readInt(Path dir, String file) throws IOException {
    String text = read(dir, file);
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new IOException(
          file + " of " + dir.getFileName() + " is not a number: '" + text + "'", e);
    }
  }

  private static List<String> words(Path dir, String file) throws IOException {
    String text = read(dir, file);
    return text.isEmpty() ? List.of() : Arrays.asList(text.split("\\s+"));
  }

  private static List<Integer> ints(Path dir, String file) throws IOException {
    List<Integer> out = new ArrayList<>();
    for (String w : words(dir, file)) {
      try {
        out.add(Integer.parseInt(w));
      } catch (NumberFormatException e) {
        throw new IOException(
            file + " of " + dir.getFileName() + " holds a non-number: '" + w + "'", e);
      }
    }
    return out;
  }
}
