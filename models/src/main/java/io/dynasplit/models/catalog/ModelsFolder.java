package io.dynasplit.models.catalog;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Where generated models live: {@code $DYNASPLIT_MODELS} when set, else {@code
 * ~/.dynasplit/models}. The caller (the app) hands in the environment and the home folder, so this
 * class reads neither.
 */
public final class ModelsFolder {

  /** The environment variable that overrides the default folder. */
  public static final String ENV = "DYNASPLIT_MODELS";

  private ModelsFolder() {}

  /**
   * The models folder for this environment.
   *
   * @param env the process environment ({@code System.getenv()})
   * @param userHome the user's home folder ({@code System.getProperty("user.home")})
   */
  public static Path resolve(Map<String, String> env, String userHome) {
    Objects.requireNonNull(env, "env");
    Objects.requireNonNull(userHome, "userHome");
    String override = env.get(ENV);
    if (override != null && !override.isBlank()) {
      return Path.of(override);
    }
    return Path.of(userHome, ".dynasplit", "models");
  }
}
