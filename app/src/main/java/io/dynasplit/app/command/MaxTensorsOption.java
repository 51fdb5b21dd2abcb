package io.dynasplit.app.command;

import io.dynasplit.app.profile.DataPlaneSetup;
import io.dynasplit.models.runtime.SplitParts;
import picocli.CommandLine.Option;

/** The {@code --max-tensors} option shared by {@code edge}, {@code up} and {@code profile}. */
public final class MaxTensorsOption {

  @Option(
      names = "--max-tensors",
      paramLabel = "K",
      defaultValue = "1",
      description = "most tensors a candidate split may send (default: ${DEFAULT-VALUE})")
  int maxTensors;

  /**
   * The split parts of the built-in catalog, with candidate splits sending at most this many
   * tensors.
   */
  SplitParts parts() {
    return DataPlaneSetup.parts(maxTensors);
  }
}
