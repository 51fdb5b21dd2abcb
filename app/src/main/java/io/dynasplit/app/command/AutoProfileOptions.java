package io.dynasplit.app.command;

import io.dynasplit.app.profile.AutoProfiler;
import io.dynasplit.app.profile.PlaneOptions;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * How much the background profiling of models without a front measures ({@code --autoprofile-n},
 * {@code --autoprofile-warmup}, {@code --autoprofile-splits}, {@code --autoprofile-codecs}), a
 * picocli mixin shared by {@code up} and {@code edge}; each command has its own {@code
 * --autoprofile} switch.
 */
public final class AutoProfileOptions {

  @Option(
      names = "--autoprofile-n",
      paramLabel = "N",
      defaultValue = "5",
      description =
          "autoprofile: measured requests per split (default: ${DEFAULT-VALUE}; `dynasplit"
              + " profile` measures more)")
  int n;

  @Option(
      names = "--autoprofile-warmup",
      paramLabel = "N",
      defaultValue = "2",
      description = "autoprofile: requests per split before measuring (default: ${DEFAULT-VALUE})")
  int warmup;

  @Option(
      names = "--autoprofile-splits",
      paramLabel = "K",
      defaultValue = "8",
      description =
          "autoprofile: most candidate splits measured per model, evenly spaced, all-cloud and"
              + " all-edge included (default: ${DEFAULT-VALUE})")
  int maxSplits;

  @Option(
      names = "--autoprofile-codecs",
      paramLabel = "LIST",
      defaultValue = "fp32",
      description =
          "autoprofile: intermediate tensor codecs each split is measured with, of "
              + LiveSpaceOptions.CODECS_HELP
              + " (default: ${DEFAULT-VALUE})")
  String codecs;

  /**
   * The autoprofiler's settings, its private data plane set up by {@code plane}.
   *
   * @throws ParameterException naming the option that is out of range
   */
  AutoProfiler.Settings settings(CommandSpec spec, PlaneOptions plane) {
    if (n < 1 || warmup < 0 || maxSplits < 2) {
      throw new ParameterException(
          spec.commandLine(),
          "--autoprofile-n must be >= 1, --autoprofile-warmup >= 0 and --autoprofile-splits >= 2");
    }
    return new AutoProfiler.Settings(
        n, warmup, maxSplits, LiveSpaceOptions.codecs(spec, codecs), plane);
  }
}
