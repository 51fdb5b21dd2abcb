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

/**
 * {@code simulate}, {@code optimize} and {@code front} on a pool from a two-objective study (no
 * {@code accuracy} column), and on the trials and front they write from it.
 */
class TwoObjectivePoolCommandsTest {

  private static final String POOL =
      SplinterFiles.derived("simulation_pool_vgg16_two_objective.csv").toString();
  private static final String WORKLOAD =
      SplinterFiles.file("network_latency_50_samples.csv").toString();

  /**
   * Verifies that optimize searches it over latency and energy and writes a front without fidelity
   * that front reads, and that simulate replays both the pool and the trials file.
   */
  @Test
  void optimizeFrontAndSimulate(@TempDir Path dir) throws IOException {
    Path out = dir.resolve("front.json");
    CliRun opt =
        run(
            "optimize",
            "--pool",
            POOL,
            "--network",
            "vgg16",
            "--budget",
            "0.3",
            "--no-progress",
            "--out",
            out.toString());
    assertEquals(0, opt.exit(), opt.err());
    assertTrue(opt.out().contains("objectives latency,energy\n"), opt.out());
    byte[] json = Files.readAllBytes(out);
    assertEquals(List.of(), SchemaValidator.shared().validate(MessageSchema.PARETO_FRONT, json));
    ParetoFront front = Json.fromBytes(json, ParetoFront.class);
    assertFalse(front.entries().isEmpty());
    assertTrue(front.entries().stream().allMatch(e -> e.fidelity() == null));

    CliRun shown =
        run("front", out.toString(), "--pool", POOL, "--workload", WORKLOAD, "--network", "vgg16");
    assertEquals(0, shown.exit(), shown.err());
    assertTrue(shown.out().contains("objectives latency,energy;"), shown.out());
    assertTrue(shown.out().contains("log hypervolume"), shown.out());

    for (String pool : List.of(POOL, dir.resolve("front.trials.jsonl").toString())) {
      CliRun sim =
          CliRun.runWithSystemStreams(
              "simulate",
              "--pool",
              pool,
              "--front",
              out.toString(),
              "--workload",
              WORKLOAD,
              "--network",
              "vgg16",
              "--strategies",
              "dynasplit,adaptive,oracle,cloud,edge",
              "--out",
              dir.resolve("sim").toString(),
              "--no-charts",
              "--no-progress");
      assertEquals(0, sim.exit(), pool + ": " + sim.err());
      assertEquals(6, Files.readAllLines(dir.resolve("sim/summary.csv")).size(), pool);
    }
  }

  /** Verifies that fidelity named as an objective is refused, saying the pool has none. */
  @Test
  void fidelityObjectiveIsRefused(@TempDir Path dir) {
    CliRun r =
        run(
            "optimize",
            "--pool",
            POOL,
            "--network",
            "vgg16",
            "--objectives",
            "latency,energy,fidelity",
            "--no-progress",
            "--out",
            dir.resolve("f.json").toString());
    assertEquals(2, r.exit(), r.out());
    assertTrue(r.err().contains("configurations have no fidelity"), r.err());
    assertFalse(Files.exists(dir.resolve("f.json")));
  }
}
