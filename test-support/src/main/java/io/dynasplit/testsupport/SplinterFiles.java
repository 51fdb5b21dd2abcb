package io.dynasplit.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the paper's shared measurement files for tests: {@code shared/data/splinter/} in the
 * repository's parent folder (or in any folder further up, which covers git worktrees), unless the
 * environment variable {@code DYNASPLIT_SHARED} names the {@code shared} folder.
 */
public final class SplinterFiles {

  private SplinterFiles() {}

  /**
   * The path of one shared file.
   *
   * @param name the file name, such as {@code simulation_pool_vgg16.csv}
   * @throws IllegalStateException if the file is absent, saying where it was looked for
   */
  public static Path file(String name) {
    String env = System.getenv("DYNASPLIT_SHARED");
    if (env != null && !env.isBlank()) {
      Path p = Path.of(env, "data", "splinter", name);
      if (Files.isRegularFile(p)) {
        return p;
      }
      throw new IllegalStateException("shared data file not found: " + p + " (from DYNASPLIT_SHARED)");
    }
    Path here = Path.of("").toAbsolutePath();
    for (Path dir = here; dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared").resolve("data").resolve("splinter").resolve(name);
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        "shared data file "
            + name
            + " not found in shared/data/splinter/ of "
            + here
            + " or any folder above it; put the shared/ folder beside the repository or set DYNASPLIT_SHARED");
  }
}
