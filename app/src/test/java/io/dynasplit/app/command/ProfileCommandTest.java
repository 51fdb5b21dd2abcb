package io.dynasplit.app.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dynasplit.app.DynasplitCommand;
import io.dynasplit.schemas.Configuration;
import io.dynasplit.schemas.FrontEntry;
import io.dynasplit.schemas.Json;
import io.dynasplit.schemas.ParetoFront;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class ProfileCommandTest {

  /**
   * Verifies that profiling two splits of the classifier through the real path writes a front with
   * one measured entry per split, the all-cloud one sending bytes and the all-edge one sending
   * none, both with fidelity 1 (fp32 reproduces the full model).
   */
  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void profileWritesAMeasuredFront(@TempDir Path dir) throws Exception {
    int allEdge = DataPlaneFixture.PARTS.allEdgeSplit("ppocr-cls");
    Path out = dir.resolve("cls.json");
    int code =
        DynasplitCommand.commandLine()
            .execute(
                "profile",
                "--model",
                "ppocr-cls",
                "--splits",
                "0," + allEdge,
                "--n",
                "3",
                "--warmup",
                "1",
                "--size",
                "192x48",
                "--out",
                out.toString());
    assertEquals(0, code);
    ParetoFront front = Json.fromBytes(Files.readAllBytes(out), ParetoFront.class);
    assertEquals("ppocr-cls", front.model());
    assertEquals(2, front.entries().size());
    FrontEntry cloud = front.entries().get(0);
    FrontEntry edge = front.entries().get(1);
    assertEquals(0, cloud.config().split());
    assertTrue(cloud.bytes() > 0, "all-cloud sends the input: " + cloud.bytes());
    assertEquals(3, cloud.samples());
    assertEquals(allEdge, edge.config().split());
    assertEquals(Configuration.CLOUD_NONE, edge.config().cloudAccelerator());
    assertEquals(0, edge.bytes());
    assertTrue(edge.latencyMs() > 0 && edge.latencyP95Ms() >= edge.latencyMs());
    // fp32 reproduces the full fp32 model's outputs on every sample input
    assertEquals(1.0, cloud.fidelity());
    assertEquals(1.0, edge.fidelity());
  }
}
