package io.dynasplit.app.command;

import io.dynasplit.models.catalog.ModelCatalog;
import io.dynasplit.models.catalog.ModelsFolder;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --models-dir} option shared by commands that resolve catalog models. */
public final class ModelsDirOption {

  @Option(
      names = "--models-dir",
      paramLabel = "DIR",
      description =
          "Folder of generated models (default: $"
              + ModelsFolder.ENV
              + ", else ~/.dynasplit/models).")
  Path modelsDir;

  /** The models folder: the option, else the environment, else the default. */
  public Path modelsDir() {
    return modelsDir != null
        ? modelsDir
        : ModelsFolder.resolve(System.getenv(), System.getProperty("user.home"));
  }

  /** The built-in catalog looking for generated models in {@link #modelsDir()}. */
  public ModelCatalog catalog() {
    return ModelCatalog.builtIn(modelsDir());
  }
}
