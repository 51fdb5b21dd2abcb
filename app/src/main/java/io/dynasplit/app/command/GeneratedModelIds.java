package io.dynasplit.app.command;

import io.dynasplit.models.zoo.ReferenceModels;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * The ids of the generated reference models: the help and completion candidates of the {@code
 * --only} option of {@code models generate} and {@code models bench}, and the check of what it was
 * given.
 */
public final class GeneratedModelIds extends ArrayList<String> {
  private static final long serialVersionUID = 1L;

  GeneratedModelIds() {
    super(ReferenceModels.ids());
  }

  /**
   * Checks that every id given to {@code --only} is a generated model.
   *
   * @throws ParameterException naming the first id that is not, and the generated ones
   */
  static void requireGenerated(CommandSpec spec, List<String> only) {
    for (String id : only) {
      if (!ReferenceModels.ids().contains(id)) {
        throw new ParameterException(
            spec.commandLine(),
            "--only: '"
                + id
                + "' is not a generated model; generated models: "
                + String.join(", ", ReferenceModels.ids()));
      }
    }
  }
}
