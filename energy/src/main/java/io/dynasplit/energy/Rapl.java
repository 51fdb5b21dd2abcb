package io.dynasplit.energy;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds the readable Intel RAPL package zones under a powercap sysfs root (normally {@code
 * /sys/class/powercap}).
 */
public final class Rapl {

  /** Where the kernel puts the powercap class. */
  public static final Path DEFAULT_ROOT = Path.of("/sys/class/powercap");

  /**
   * Top-level package zones only: {@code intel-rapl:0:0} (a sub-zone) is part of {@code
   * intel-rapl:0}.
   */
  private static final Pattern PACKAGE_ZONE = Pattern.compile("intel-rapl:\\d+");

  private Rapl() {}

  /**
   * What a look at a powercap root found.
   *
   * @param zones the package zones whose counters could be read
   * @param problems one line per thing missing or unreadable, empty when all is well
   */
  public record Discovery(List<RaplZone> zones, List<String> problems) {
    /** Copies the lists. */
    public Discovery {
      zones = List.copyOf(zones);
      problems = List.copyOf(problems);
    }

    /** Whether at least one zone can be read. */
    public boolean available() {
      return !zones.isEmpty();
    }
  }

  /**
   * Lists the package zones under {@code root} and checks that each counter can be read.
   *
   * @implNote blocks on a few sysfs reads
   */
  public static Discovery discover(Path root) {
    List<RaplZone> zones = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    if (!Files.isDirectory(root)) {
      problems.add(
          "no rapl: "
              + root
              + " does not exist (no powercap driver: a virtual machine, or not an x86 machine)");
      return new Discovery(zones, problems);
    }
    List<Path> dirs;
    try (Stream<Path> list = Files.list(root)) {
      dirs =
          list.filter(p -> PACKAGE_ZONE.matcher(p.getFileName().toString()).matches())
              .sorted(Comparator.comparing(p -> p.getFileName().toString()))
              .toList();
    } catch (IOException e) {
      problems.add("no rapl: cannot list " + root + ": " + e.getMessage());
      return new Discovery(zones, problems);
    }
    if (dirs.isEmpty()) {
      problems.add("no rapl: no intel-rapl:N zone under " + root);
    }
    for (Path dir : dirs) {
      String id = dir.getFileName().toString();
      try {
        String name = readOr(dir.resolve("name"), id);
        long max = Long.parseLong(Files.readString(dir.resolve("max_energy_range_uj")).trim());
        RaplZone zone = new RaplZone(id, name, dir, max);
        zone.readMicrojoules();
        zones.add(zone);
      } catch (AccessDeniedException e) {
        problems.add(
            "rapl zone "
                + id
                + " is not readable by this user ("
                + e.getFile()
                + "); run as root or grant read access to energy_uj");
      } catch (IOException | RuntimeException e) {
        problems.add("rapl zone " + id + " is unusable: " + e.getMessage());
      }
    }
    return new Discovery(zones, problems);
  }

  private static String readOr(Path file, String fallback) throws IOException {
    return Files.exists(file) ? Files.readString(file).trim() : fallback;
  }
}
