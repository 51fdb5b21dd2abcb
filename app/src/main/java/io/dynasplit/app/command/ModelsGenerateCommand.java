package io.dynasplit.app.command;

import io.dynasplit.models.catalog.CatalogEntry;
import io.dynasplit.models.catalog.ModelCatalog;
import io.dynasplit.models.catalog.ModelSource;
import io.dynasplit.models.zoo.GraphPlan;
import io.dynasplit.models.zoo.ModelGenerator;
import io.dynasplit.models.zoo.ReferenceModel;
import io.dynasplit.models.zoo.ReferenceModels;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code dynasplit models generate}: writes the reference models with seeded synthetic weights. */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = {
      "Generate the reference models with SYNTHETIC weights.",
      "%nWrites the paper's architectures (MobileNetV2, ResNet-50, VGG-16, ViT-B/16) and the tiny"
          + " test CNN as ONNX files whose weights are seeded random numbers, not trained ones:"
          + " compute and tensor sizes are the published ones, the outputs are meaningless. Models"
          + " already there are kept unless --force. VGG-16 is about 553 MB, ViT-B/16 346 MB.",
    })
public final class ModelsGenerateCommand implements Callable<Integer> {

  @Mixin ModelsDirOption models;

  @Option(
      names = "--only",
      paramLabel = "ID",
      split = ",",
      description =
          "Generate only these models (repeatable or comma separated): ${COMPLETION-CANDIDATES}.",
      completionCandidates = GeneratedModelIds.class)
  List<String> only = new ArrayList<>();

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Write here instead of the models folder.")
  Path out;

  @Option(
      names = "--seed",
      paramLabel = "N",
      description = "Seed of the synthetic weights (default: ${DEFAULT-VALUE}).")
  long seed = ModelGenerator.DEFAULT_SEED;

  @Option(names = "--force", description = "Regenerate models whose file already exists.")
  boolean force;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Models with fewer values than this (weights filled plus written) get no progress bar. */
  private static final long BAR_FROM = 2_000_000;

  @Override
  public Integer call() throws IOException {
    GeneratedModelIds.requireGenerated(spec, only);
    ModelCatalog catalog = models.catalog();
    Path dir = out != null ? out : catalog.modelsDir();
    PrintWriter stdout = spec.commandLine().getOut();
    ModelGenerator generator = new ModelGenerator(seed);
    for (CatalogEntry entry : catalog.entries()) {
      if (!(entry.source() instanceof ModelSource.Generated g)
          || (!only.isEmpty() && !only.contains(entry.id()))) {
        continue;
      }
      ReferenceModel model = ReferenceModels.get(g.generator());
      Path target = dir.resolve(g.file());
      if (Files.isRegularFile(target) && !force) {
        stdout.printf("%-12s already there: %s (use --force to regenerate)%n", entry.id(), target);
        stdout.flush();
        continue;
      }
      GraphPlan plan = model.plan();
      long started = System.nanoTime();
      long size;
      long total = ModelGenerator.writeProgressTotal(model);
      if (total < BAR_FROM) {
        size = generator.write(model, target, n -> {});
      } else {
        try (ProgressBar bar =
            ProgressBars.builder(spec.commandLine().getErr(), entry.id(), total)
                .setUnit(" M values", 1_000_000)
                .build()) {
          size = generator.write(model, target, bar::stepBy);
          bar.stepTo(total);
        }
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      stdout.printf(
          "%-12s %,d parameters, SYNTHETIC weights (seed %d) -> %s, %s in %.1f s%n",
          entry.id(), plan.parameterCount(), seed, target, Sizes.bytes(size), seconds);
      stdout.flush();
    }
    return 0;
  }
}
