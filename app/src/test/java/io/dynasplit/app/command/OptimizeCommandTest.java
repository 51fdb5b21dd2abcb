package io.dynasplit.app.command;

import static io.dynasplit.app.command.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dynasplit.schemas.Json;
import io.dynasplit.schemas.MessageSchema;
import io.dynasplit.schemas.ParetoFront;
import io.dynasplit.schemas.SchemaValidator;
import io.dynasplit.testsupport.SplinterFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests of {@code dynasplit optimize} and {@code dynasplit front} on the paper's VGG16 pool. */
class OptimizeCommandTest {

  private static final String POOL = SplinterFiles.file("simulation_pool_vgg16.csv").toString();
  private static final String WORKLOAD =
      SplinterFiles.file("network_latency_10000_samples.csv").toString();

  /**
   * Verifies that optimize writes a front (valid against the wire's JSON Schema) and a trials file,
   * resumes from it, and front compares it with the exhaustive front.
   */
  @Test
  void optimizeResumeAndCompare(@TempDir Path dir) throws IOException {
    Path out = dir.resolve("front.json");
    CliRun first =
        run(
            "optimize",
            "--pool",
            POOL,
            "--network",
            "vgg16",
            "--budget",
            "0.05",
            "--seed",
            "1",
            "--no-progress",
            "--out",
            out.toString());
    assertEquals(0, first.exit(), first.err());
    assertTrue(
        first.out().contains("evaluations 46 of 917 valid configurations (0 resumed"), first.out());
    byte[] json = Files.readAllBytes(out);
    assertEquals(List.of(), SchemaValidator.shared().validate(MessageSchema.PARETO_FRONT, json));
    ParetoFront front = Json.fromBytes(json, ParetoFront.class);
    assertEquals("vgg16", front.model());
    assertEquals("optimizer", front.source());
    assertFalse(front.entries().isEmpty());
    Path trials = dir.resolve("front.trials.jsonl");
    assertEquals(46, Files.readAllLines(trials).size());

    // a bigger budget resumes from the 46 trials and measures only 14 more
    CliRun more =
        run(
            "optimize",
            "--pool",
            POOL,
            "--network",
            "vgg16",
            "--evaluations",
            "60",
            "--seed",
            "1",
            "--no-progress",
            "--out",
            out.toString());
    assertEquals(0, more.exit(), more.err());
    assertTrue(more.err().contains("resuming from 46 trials"), more.err());
    assertTrue(
        more.out().contains("evaluations 60 of 917 valid configurations (46 resumed"), more.out());
    assertEquals(60, Files.readAllLines(trials).size());

    Path ex = dir.resolve("exhaustive.json");
    CliRun exhaustive =
        run(
            "optimize",
            "--pool",
            POOL,
            "--network",
            "vgg16",
            "--exhaustive",
            "--no-progress",
            "--out",
            ex.toString());
    assertEquals(0, exhaustive.exit(), exhaustive.err());
    assertTrue(
        exhaustive
            .out()
            .contains(
                "evaluations 917 of 917 valid configurations (0 resumed, 170 not measured by the"
                    + " pool)"),
        exhaustive.out());
    assertTrue(exhaustive.out().contains("front size 13"), exhaustive.out());

    CliRun compare =
        run("front", out.toString(), "--against", ex.toString(), "--workload", WORKLOAD);
    assertEquals(0, compare.exit(), compare.err());
    List<String> lines = compare.lines();
    assertTrue(compare.out().contains("hypervolume ratio "), compare.out());
    assertTrue(compare.out().contains("log hypervolume "), compare.out());
    String last = lines.get(lines.size() - 1);
    assertTrue(last.matches("front regret \\d+\\.\\d\\d%"), last);

    // the exhaustive front against itself: ratio 1, regret 0
    CliRun self =
        run(
            "front",
            ex.toString(),
            "--against",
            ex.toString(),
            "--workload",
            WORKLOAD,
            "--network",
            "vgg16");
    assertTrue(self.out().contains("hypervolume ratio 1.000000"), self.out());
    assertEquals("front regret 0.00%", self.lines().get(self.lines().size() - 1));
  }

  /** Verifies that a broken pool CSV fails with exit 1 and a message naming the line and column. */
  @Test
  void badPoolIsReported(@TempDir Path dir) throws IOException {
    Path bad = dir.resolve("bad.csv");
    Files.writeString(bad, "layer,latency\n1.0,fast\n");
    CliRun r =
        run(
            "optimize",
            "--pool",
            bad.toString(),
            "--network",
            "vgg16",
            "--no-progress",
            "--out",
            dir.resolve("f.json").toString());
    assertEquals(1, r.exit());
    assertTrue(
        r.err().contains("bad.csv line 1, column 'avg energy edge (J)': missing column"), r.err());
  }

  /** Verifies that bad options are refused with exit 2 and a message naming the option. */
  @Test
  void badOptionsAreRefused(@TempDir Path dir) {
    CliRun budget =
        run(
            "optimize",
            "--pool",
            POOL,
            "--network",
            "vgg16",
            "--budget",
            "1.5",
            "--out",
            dir.resolve("f.json").toString());
    assertEquals(2, budget.exit());
    assertTrue(budget.err().contains("--budget must be a fraction in (0, 1]: 1.5"), budget.err());
    CliRun missing =
        run("optimize", "--network", "vgg16", "--out", dir.resolve("f.json").toString());
    assertEquals(2, missing.exit());
    assertTrue(missing.err().contains("--pool"), missing.err());
    CliRun publish =
        run(
            "optimize",
            "--pool",
            POOL,
            "--network",
            "vgg16",
            "--publish",
            "--out",
            dir.resolve("f.json").toString());
    assertEquals(2, publish.exit());
    assertTrue(publish.err().contains("--publish needs --edge-id"), publish.err());
    CliRun front = run("front", dir.resolve("absent.json").toString());
    assertEquals(1, front.exit());
  }
}
