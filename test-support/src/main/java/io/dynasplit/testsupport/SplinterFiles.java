package io.dynasplit.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the paper's measurement files for tests: {@code data/splinter/} at the repository's root,
 * looked for from the working directory upwards (a module's tests run in the module's folder), and
 * the files the project derived from them, {@code data/derived/} (its README says how each was
 * made).
 */
public final class SplinterFiles {

  private SplinterFiles() {}

  /**
   * The path of one measurement file.
   *
   * @param name the file name, such as {@code simulation_pool_vgg16.csv}
   * @throws IllegalStateException if the file is absent, saying where it was looked for
   */
  public static Path file(String name) {
    return find("splinter", name);
  }

  /**
   * The path of one file derived from the measurements, such as {@code
   * simulation_pool_vgg16_two_objective.csv}.
   *
   * @throws IllegalStateException if the file is absent, saying where it was looked for
   */
  public static Path derived(String name) {
    return find("derived", name);
  }

  private static Path find(String folder, String name) {
    Path here = Path.of("").toAbsolutePath();
    for (Path dir = here; dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("data").resolve(folder).resolve(name);
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        "data file "
            + name
            + " not found in data/"
            + folder
            + "/ of "
            + here
            + " or any folder above it (the repository carries it under data/"
            + folder
            + "/)");
  }
}
