package io.dynasplit.app.command;

import static io.dynasplit.app.command.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dynasplit.testsupport.SplinterFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests of {@code dynasplit pool widen}. */
class PoolWidenCommandTest {

  private static final String POOL = SplinterFiles.file("simulation_pool_vgg16.csv").toString();

  /**
   * Verifies that it writes a pool CSV of runs per configuration, the same for the same seed, that
   * simulate reads.
   */
  @Test
  void writesASeededPoolThatSimulates(@TempDir Path dir) throws IOException {
    String[] args = {
      "pool", "widen", "--pool", POOL, "--network", "vgg16", "--factor", "3", "--runs", "4"
    };
    CliRun a = run(concat(args, "--out", dir.resolve("a.csv").toString()));
    CliRun b = run(concat(args, "--out", dir.resolve("b.csv").toString()));
    assertEquals(0, a.exit(), a.err());
    assertEquals(0, b.exit(), b.err());
    assertTrue(a.out().contains("2988 runs of 747 configurations"), a.out());
    assertEquals(Files.readString(dir.resolve("a.csv")), Files.readString(dir.resolve("b.csv")));
    assertEquals(1 + 2988, Files.readAllLines(dir.resolve("a.csv")).size());

    CliRun sim =
        CliRun.runWithSystemStreams(
            "simulate",
            "--pool",
            dir.resolve("a.csv").toString(),
            "--workload",
            SplinterFiles.file("network_latency_50_samples.csv").toString(),
            "--network",
            "vgg16",
            "--strategies",
            "dynasplit,adaptive",
            "--out",
            dir.resolve("sim").toString(),
            "--no-charts",
            "--no-progress");
    assertEquals(0, sim.exit(), sim.err());
  }

  /** Verifies that a negative factor is refused naming the option. */
  @Test
  void negativeFactorIsRefused(@TempDir Path dir) {
    CliRun r =
        run(
            "pool",
            "widen",
            "--pool",
            POOL,
            "--network",
            "vgg16",
            "--factor",
            "-1",
            "--out",
            dir.resolve("a.csv").toString());
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("--factor must be >= 0"), r.err());
  }

  private static String[] concat(String[] a, String... b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
