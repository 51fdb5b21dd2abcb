package io.dynasplit.app.command;

import io.dynasplit.optimizer.pool.PoolFiles;
import io.dynasplit.optimizer.pool.PoolSpread;
import io.dynasplit.optimizer.pool.SimulationPool;
import io.dynasplit.optimizer.pool.SplinterPoolCsv;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code dynasplit pool widen}: a pool with the measured run-to-run spread multiplied, seeded
 * ({@link PoolSpread}), written in the paper's pool CSV format.
 */
@Command(
    name = "widen",
    mixinStandardHelpOptions = true,
    description = {
      "Write a pool whose runs spread FACTOR times as widely as the measured ones, seeded: each"
          + " configuration keeps its mean and gets --runs runs whose relative deviations (head,"
          + " transfer and tail time, edge and cloud energy) are measured deviations times"
          + " --factor; a configuration measured once borrows the deviations of those measured"
          + " more than once.",
      "The output is the paper's pool CSV, which simulate, optimize and front read."
    })
public final class PoolWidenCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--pool",
      required = true,
      paramLabel = "FILE",
      description = "Measured runs: the paper's pool CSV, a front JSON or a trials JSONL.")
  Path pool;

  @Option(
      names = "--network",
      required = true,
      paramLabel = "NAME",
      description = "The network (model) the pool measures, e.g. vgg16.")
  String network;

  @Option(
      names = "--factor",
      required = true,
      paramLabel = "X",
      description = "How many times the measured spread, >= 0.")
  double factor;

  @Option(
      names = "--runs",
      paramLabel = "N",
      defaultValue = "10",
      description = "Runs per configuration (default: ${DEFAULT-VALUE}).")
  int runs;

  @Option(
      names = "--seed",
      paramLabel = "S",
      defaultValue = "1",
      description = "Seed of the draws (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "FILE",
      description = "The CSV to write (replaced if it exists).")
  Path out;

  @Override
  public Integer call() {
    if (!(factor >= 0) || Double.isInfinite(factor)) {
      throw new ParameterException(spec.commandLine(), "--factor must be >= 0: " + factor);
    }
    if (runs < 1) {
      throw new ParameterException(spec.commandLine(), "--runs must be >= 1: " + runs);
    }
    SimulationPool measured;
    SimulationPool widened;
    try {
      measured = PoolFiles.read(pool, network);
      widened = PoolSpread.widen(measured, factor, runs, seed);
    } catch (IllegalArgumentException e) {
      throw new CommandFailure(e.getMessage());
    } catch (IOException e) {
      throw new CommandFailure("--pool: cannot read: " + IoErrors.describe(e));
    }
    try {
      Path parent = out.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      try (Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
        SplinterPoolCsv.write(widened, w);
      }
    } catch (IllegalArgumentException e) {
      throw new CommandFailure(e.getMessage());
    } catch (IOException e) {
      throw new CommandFailure("cannot write --out " + out + ": " + IoErrors.describe(e));
    }
    spec.commandLine()
        .getOut()
        .printf(
            Locale.ROOT,
            "wrote %s: %d runs of %d configurations, spread x%s of %s (seed %d)%n",
            out,
            widened.rowCount(),
            widened.size(),
            factor,
            pool.getFileName(),
            seed);
    return 0;
  }
}
