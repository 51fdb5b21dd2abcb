package io.dynasplit.optimizer.pool;

import io.dynasplit.testsupport.SplinterFiles;
import java.nio.file.Path;

/** The paper's shared measurement files for this module's tests (see {@link SplinterFiles}). */
public final class SplinterData {

  private SplinterData() {}

  /**
   * The path of one shared file, such as {@code simulation_pool_vgg16.csv}.
   *
   * @throws IllegalStateException if the file is absent, saying where it was looked for
   */
  public static Path file(String name) {
    return SplinterFiles.file(name);
  }

  /**
   * The path of one file derived from them ({@code data/derived/}), such as {@code
   * simulation_pool_vgg16_two_objective.csv}.
   */
  public static Path derived(String name) {
    return SplinterFiles.derived(name);
  }
}
