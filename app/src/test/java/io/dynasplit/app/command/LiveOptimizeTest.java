package io.dynasplit.app.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dynasplit.schemas.Codec;
import io.dynasplit.schemas.FrontEntry;
import io.dynasplit.schemas.Json;
import io.dynasplit.schemas.MessageSchema;
import io.dynasplit.schemas.ParetoFront;
import io.dynasplit.schemas.SchemaValidator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tests of {@code dynasplit optimize --live}: the search with the live profiler as its evaluation.
 */
class LiveOptimizeTest {

  /**
   * Verifies that a live search of the tiny classifier with a small budget measures exactly the
   * budget's configurations through the data plane and writes a schema-valid front whose entries
   * carry measured figures and a fidelity.
   */
  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void liveSearchWritesAMeasuredFront(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("front.json");
    // 12 splits x 1 thread count x 3 codecs = 36 configurations; 20% is 8 evaluations
    CliRun run =
        CliRun.run(
            "optimize",
            "--live",
            "--model",
            "tiny-cnn",
            "--budget",
            "0.2",
            "--n",
            "2",
            "--warmup",
            "1",
            "--samples",
            "2",
            "--threads",
            "1",
            "--seed",
            "3",
            "--no-progress",
            "--out",
            out.toString());
    assertEquals(0, run.exit(), run.err());
    assertTrue(
        run.out().contains("evaluations 8 of 36 valid configurations (0 resumed, 0 not measured"),
        run.out());
    assertTrue(run.out().contains("objectives latency,energy,fidelity"), run.out());
    assertTrue(run.out().contains("energy sources (edge/cloud): "), run.out());
    byte[] json = Files.readAllBytes(out);
    assertEquals(List.of(), SchemaValidator.shared().validate(MessageSchema.PARETO_FRONT, json));
    ParetoFront front = Json.fromBytes(json, ParetoFront.class);
    assertEquals("tiny-cnn", front.model());
    assertFalse(front.entries().isEmpty());
    for (FrontEntry e : front.entries()) {
      assertEquals(2, e.samples(), "each entry summarizes the measured requests: " + e);
      assertTrue(e.latencyMs() > 0 && e.latencyP95Ms() >= e.latencyMs(), "measured latency: " + e);
      assertTrue(e.edgeEnergyJ() > 0, "measured edge energy: " + e);
      assertNotNull(e.fidelity(), "fidelity measured: " + e);
      assertTrue(e.fidelity() >= 0 && e.fidelity() <= 1, "fidelity in [0, 1]: " + e);
      assertEquals(1, e.config().threads());
    }
    assertEquals(8, Files.readAllLines(dir.resolve("front.trials.jsonl")).size());
  }

  /**
   * Verifies that --live needs a model, refuses a pool, a bad codec and an unknown model, naming
   * each.
   */
  @Test
  void liveNeedsAModelAndNoPool(@TempDir Path dir) {
    CliRun noModel = CliRun.run("optimize", "--live", "--out", dir.resolve("f.json").toString());
    assertEquals(2, noModel.exit());
    assertTrue(noModel.err().contains("Missing required option: '--model'"), noModel.err());
    CliRun withPool =
        CliRun.run(
            "optimize",
            "--live",
            "--model",
            "tiny-cnn",
            "--pool",
            "x.csv",
            "--out",
            dir.resolve("f.json").toString());
    assertEquals(2, withPool.exit());
    assertTrue(withPool.err().contains("not --pool or --network"), withPool.err());
    CliRun badCodec =
        CliRun.run(
            "optimize",
            "--live",
            "--model",
            "tiny-cnn",
            "--codecs",
            "fp32,bf16",
            "--out",
            dir.resolve("f.json").toString());
    assertEquals(2, badCodec.exit());
    assertTrue(
        badCodec.err().contains("--codecs must list codecs of " + Codec.names() + ": fp32,bf16"),
        badCodec.err());
    CliRun unknown =
        CliRun.run(
            "optimize",
            "--live",
            "--model",
            "no-such-model",
            "--out",
            dir.resolve("f.json").toString());
    assertEquals(1, unknown.exit());
    assertTrue(unknown.err().contains("unknown model no-such-model; known: "), unknown.err());
  }
}
