package io.dynasplit.app.command;

import io.dynasplit.models.catalog.ModelNotFoundException;
import io.dynasplit.models.catalog.ResolvedModel;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dynasplit models export}: writes a catalog model's ONNX bytes to a file. */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description =
        "Write a catalog model (or any MODEL path) to an ONNX file, e.g. to inspect it in Netron.")
public final class ModelsExportCommand implements Callable<Integer> {

  @Mixin ModelsDirOption models;

  @Parameters(
      index = "0",
      paramLabel = "MODEL",
      description = "A catalog id (see `dynasplit models list`) or an ONNX file path.")
  String model;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "FILE",
      description = "The ONNX file to write (replaced if it exists).")
  Path out;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    ResolvedModel resolved;
    try {
      resolved = models.catalog().resolve(model);
    } catch (ModelNotFoundException e) {
      throw new CommandFailure(e.getMessage());
    }
    long bytes = resolved.writeTo(out);
    PrintWriter stdout = spec.commandLine().getOut();
    stdout.printf(
        "%s: wrote %,d bytes from %s to %s%s%n",
        resolved.id(),
        bytes,
        resolved.location().describe(),
        out,
        resolved.synthetic() ? " (SYNTHETIC weights)" : "");
    stdout.flush();
    return 0;
  }
}
