package io.dynasplit.app.command;

import io.dynasplit.models.catalog.CatalogEntry;
import io.dynasplit.models.catalog.ModelCatalog;
import io.dynasplit.models.catalog.ModelSource;
import io.dynasplit.models.catalog.TensorSpec;
import io.dynasplit.models.zoo.ReferenceModels;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code dynasplit models list}: the catalog as a table. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description =
        "List the catalog: id, source, weights (trained or SYNTHETIC), present now, input, size.")
public final class ModelsListCommand implements Callable<Integer> {

  @Mixin ModelsDirOption models;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    ModelCatalog catalog = models.catalog();
    PrintWriter out = spec.commandLine().getOut();
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"ID", "SOURCE", "WEIGHTS", "PRESENT", "INPUT", "SIZE"});
    for (CatalogEntry e : catalog.entries()) {
      boolean present = catalog.isPresent(e);
      String source =
          switch (e.source()) {
            case ModelSource.Generated g ->
                g.inMemory() && !Files.isRegularFile(catalog.generatedPath(e))
                    ? "generated (in memory)"
                    : "generated";
            case ModelSource.Classpath c -> "jar " + c.artifact().split(":")[1];
            case ModelSource.File f -> "file " + f.path();
          };
      rows.add(
          new String[] {
            e.id(),
            source,
            e.synthetic() ? "SYNTHETIC" : "trained",
            present ? "yes" : "no",
            e.inputs().stream().map(ModelsListCommand::input).collect(Collectors.joining(", ")),
            present ? Sizes.bytes(catalog.resolve(e).size()) : expectedSize(e),
          });
    }
    int[] widths = new int[rows.get(0).length];
    for (String[] r : rows) {
      for (int i = 0; i < r.length; i++) {
        widths[i] = Math.max(widths[i], r[i].length());
      }
    }
    for (String[] r : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < r.length; i++) {
        line.append(i == r.length - 1 ? r[i] : String.format("%-" + (widths[i] + 2) + "s", r[i]));
      }
      out.println(line.toString().stripTrailing());
    }
    out.println();
    out.println("models folder: " + catalog.modelsDir());
    out.println(
        "SYNTHETIC: seeded random weights; compute and tensor sizes match the published"
            + " architecture, outputs are meaningless.");
    if (catalog.entries().stream().anyMatch(e -> !catalog.isPresent(e))) {
      out.println("generate the missing ones with `dynasplit models generate` (or `--only ID`).");
    }
    out.flush();
    return 0;
  }

  private static String input(TensorSpec t) {
    return t.name() + " " + t.dtype() + "[" + t.shapeText() + "]";
  }

  private static String expectedSize(CatalogEntry e) {
    if (e.source() instanceof ModelSource.Generated g) {
      return "~"
          + Sizes.bytes(ReferenceModels.get(g.generator()).plan().weightElements() * Float.BYTES)
          + " when generated";
    }
    return "-";
  }
}
