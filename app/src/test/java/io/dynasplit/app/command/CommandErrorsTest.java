package io.dynasplit.app.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dynasplit.optimizer.Nsga2Settings;
import io.dynasplit.testsupport.SplinterFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input to optimize, front and simulate: one line, one prefix, no stack trace. */
class CommandErrorsTest {

  private static final String POOL = SplinterFiles.file("simulation_pool_vgg16.csv").toString();
  private static final String WORKLOAD =
      SplinterFiles.file("network_latency_50_samples.csv").toString();

  private static Path latin1(Path dir) throws IOException {
    Path file = dir.resolve("latin1.csv");
    Files.write(
        file, "Index,Network,Latency\n0,vgg16,caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
    return file;
  }

  private static void assertOneCleanLine(CliRun r, String command, String expected) {
    assertNotEquals(0, r.exit(), r.err());
    assertTrue(r.err().startsWith("dynasplit " + command + ": "), r.err());
    assertTrue(r.err().contains(expected), r.err());
    assertFalse(r.err().contains("Exception"), r.err());
    assertFalse(r.err().contains("\tat "), r.err());
  }

  /**
   * Verifies that a file that is not UTF-8 is reported as such for --pool, --workload and
   * --scenario, and for optimize's pool.
   */
  @Test
  void nonUtf8FilesAreNamed(@TempDir Path dir) throws IOException {
    String bad = latin1(dir).toString();
    String out = dir.resolve("out").toString();

    assertOneCleanLine(
        CliRun.runWithSystemStreams(
            "simulate", "--pool", bad, "--workload", WORKLOAD, "--network", "vgg16", "--out", out),
        "simulate",
        bad + ": not UTF-8 text (invalid byte at offset 33)");
    assertOneCleanLine(
        CliRun.runWithSystemStreams(
            "simulate", "--pool", POOL, "--workload", bad, "--network", "vgg16", "--out", out),
        "simulate",
        bad + ": not UTF-8 text");
    assertOneCleanLine(
        CliRun.runWithSystemStreams(
            "simulate",
            "--pool",
            POOL,
            "--workload",
            WORKLOAD,
            "--network",
            "vgg16",
            "--scenario",
            bad,
            "--out",
            out),
        "simulate",
        bad + ": not UTF-8 text");
    assertOneCleanLine(
        CliRun.runWithSystemStreams(
            "optimize",
            "--pool",
            bad,
            "--network",
            "vgg16",
            "--no-progress",
            "--out",
            dir.resolve("f.json").toString()),
        "optimize",
        "--pool: " + bad + ": not UTF-8 text");
  }

  /**
   * Verifies that missing files and an --out that is a file get a clear message in the one prefix
   * style.
   */
  @Test
  void missingFilesAndOutFileAreNamed(@TempDir Path dir) throws IOException {
    Path absent = dir.resolve("absent.csv");
    Path file = Files.writeString(dir.resolve("taken"), "x");

    assertOneCleanLine(
        CliRun.runWithSystemStreams(
            "optimize",
            "--pool",
            absent.toString(),
            "--network",
            "vgg16",
            "--out",
            dir.resolve("f.json").toString()),
        "optimize",
        "--pool: " + absent + ": no such file");
    assertOneCleanLine(
        CliRun.runWithSystemStreams("front", dir.resolve("absent.json").toString()),
        "front",
        dir.resolve("absent.json") + ": no such file");
    assertOneCleanLine(
        CliRun.runWithSystemStreams(
            "simulate",
            "--pool",
            POOL,
            "--workload",
            WORKLOAD,
            "--network",
            "vgg16",
            "--out",
            file.toString()),
        "simulate",
        "--out: " + file + " is a file, not a folder");
    assertOneCleanLine(
        CliRun.runWithSystemStreams(
            "optimize",
            "--pool",
            POOL,
            "--network",
            "vgg16",
            "--no-progress",
            "--out",
            file.resolve("f.json").toString()),
        "optimize",
        "exists and is not a folder");
  }

  /**
   * Verifies that a network the workload does not have is refused, and a pool named for another
   * network warns.
   */
  @Test
  void networksAreChecked(@TempDir Path dir) {
    CliRun unknown =
        CliRun.runWithSystemStreams(
            "simulate",
            "--pool",
            POOL,
            "--workload",
            WORKLOAD,
            "--network",
            "foo",
            "--out",
            dir.toString());
    assertOneCleanLine(
        unknown,
        "simulate",
        "no rows for network 'foo' (the file has mobilenetv2, resnet50, vgg16, vit)");

    CliRun other =
        CliRun.runWithSystemStreams(
            "simulate",
            "--pool",
            POOL,
            "--workload",
            WORKLOAD,
            "--network",
            "resnet50",
            "--strategies",
            "cloud",
            "--no-progress",
            "--no-charts",
            "--out",
            dir.resolve("r").toString());
    assertEquals(0, other.exit(), other.err());
    assertTrue(
        other
            .err()
            .contains(
                "dynasplit simulate: warning: the pool file simulation_pool_vgg16.csv is named for"
                    + " network 'vgg16', not 'resnet50'"),
        other.err());

    CliRun optimize =
        CliRun.runWithSystemStreams(
            "optimize",
            "--pool",
            POOL,
            "--network",
            "foo",
            "--evaluations",
            "10",
            "--no-progress",
            "--out",
            dir.resolve("foo.json").toString());
    assertEquals(0, optimize.exit(), optimize.err());
    assertTrue(
        optimize
            .err()
            .contains(
                "dynasplit optimize: warning: the pool file simulation_pool_vgg16.csv is named for"
                    + " network 'vgg16', not 'foo'"),
        optimize.err());
  }

  /**
   * Verifies that front --pool prints the hypervolume optimize printed for the same front, and the
   * default reference point differs.
   */
  @Test
  void frontWithPoolMatchesOptimize(@TempDir Path dir) {
    Path out = dir.resolve("front.json");
    CliRun optimize =
        CliRun.runWithSystemStreams(
            "optimize",
            "--pool",
            POOL,
            "--network",
            "vgg16",
            "--evaluations",
            "60",
            "--seed",
            "2",
            "--no-progress",
            "--out",
            out.toString());
    assertEquals(0, optimize.exit(), optimize.err());
    String optimized = find(optimize.out(), "log hypervolume (\\d+\\.\\d+)");

    CliRun withPool = CliRun.runWithSystemStreams("front", out.toString(), "--pool", POOL);
    CliRun alone = CliRun.runWithSystemStreams("front", out.toString());

    assertEquals(0, withPool.exit(), withPool.err());
    assertEquals(optimized, find(withPool.out(), "log hypervolume (\\d+\\.\\d+)"));
    assertTrue(
        withPool.out().contains("(covering the pool simulation_pool_vgg16.csv)"), withPool.out());
    assertNotEquals(optimized, find(alone.out(), "log hypervolume (\\d+\\.\\d+)"));
  }

  /**
   * Verifies that --help prints optimize's actual population default and the parameter labels of
   * --seed and --strategy, and front's reference point.
   */
  @Test
  void helpStatesDefaults() {
    String optimize = CliRun.runWithSystemStreams("optimize", "--help").out();
    assertTrue(
        optimize.contains("--population=N")
            && optimize.contains("(default: " + Nsga2Settings.DEFAULT_POPULATION_SIZE + ")"),
        optimize);
    assertTrue(optimize.contains("--no-screening"), optimize);
    assertFalse(optimize.contains("see docs/PERFORMANCE.md"), optimize);
    assertTrue(optimize.contains("--seed=SEED"), optimize);
    assertTrue(optimize.contains("--strategy=STRATEGY"), optimize);
    String front = CliRun.runWithSystemStreams("front", "--help").out();
    assertTrue(front.contains("--pool=POOL"), front);
    assertTrue(front.contains("Reference point (default)"), front);
  }

  private static String find(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    assertTrue(m.find(), text);
    return m.group(1);
  }
}
