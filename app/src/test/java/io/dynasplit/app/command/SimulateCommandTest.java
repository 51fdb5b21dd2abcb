package io.dynasplit.app.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dynasplit.app.report.SimulationCharts;
import io.dynasplit.app.report.SimulationReport;
import io.dynasplit.testsupport.SplinterFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulateCommandTest {

  /**
   * Verifies that simulate on the testbed workload writes the summary, every request and readable
   * charts, and prints the table.
   */
  @Test
  void writesSummaryRequestsAndCharts(@TempDir Path dir) throws IOException {
    Path scenario = dir.resolve("drop.csv");
    Files.writeString(
        scenario, "fraction,bandwidth_factor,cloud_load_factor\n0.3,0.25,1\n0.6,1,1\n");

    CliRun r =
        CliRun.runWithSystemStreams(
            "simulate",
            "--pool",
            SplinterFiles.file("simulation_pool_vgg16.csv").toString(),
            "--workload",
            SplinterFiles.file("network_latency_50_samples.csv").toString(),
            "--network",
            "vgg16",
            "--strategies",
            "dynasplit,adaptive,oracle,cloud",
            "--scenario",
            scenario.toString(),
            "--seed",
            "3",
            "--out",
            dir.resolve("out").toString(),
            "--no-progress");

    assertEquals(0, r.exit(), r.err());
    List<String> summary = Files.readAllLines(dir.resolve("out/summary.csv"));
    assertEquals(String.join(",", SimulationReport.SUMMARY_COLUMNS), summary.get(0));
    assertEquals(5, summary.size());
    assertTrue(summary.get(4).startsWith("cloud,"), summary.get(4));
    assertEquals(1 + 4 * 50, Files.readAllLines(dir.resolve("out/requests.csv")).size());
    for (String chart : SimulationCharts.FILES) {
      assertTrue(ImageIO.read(dir.resolve("out").resolve(chart).toFile()).getWidth() > 500, chart);
    }
    assertTrue(r.out().contains("adaptive"), r.out());
    assertTrue(r.out().contains("SLA met %"), r.out());
  }

  /**
   * Verifies that the progress bar is drawn on the command's error writer, not on System.err, and
   * ends at the number of requests simulated.
   */
  @Test
  void drawsItsProgressOnTheCommandsErrorWriter(@TempDir Path dir) {
    CliRun r =
        CliRun.run(
            "simulate",
            "--pool",
            SplinterFiles.file("simulation_pool_vgg16.csv").toString(),
            "--workload",
            SplinterFiles.file("network_latency_50_samples.csv").toString(),
            "--network",
            "vgg16",
            "--strategies",
            "cloud",
            "--out",
            dir.resolve("out").toString());
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.err().contains("simulate"), r.err());
    assertTrue(r.err().contains("50/50 req"), r.err());
  }

  /**
   * Verifies that a missing pool file and an unknown strategy exit non-zero with a message naming
   * them.
   */
  @Test
  void badInputExitsNonZero(@TempDir Path dir) {
    CliRun missing =
        CliRun.runWithSystemStreams(
            "simulate",
            "--pool",
            dir.resolve("nope.csv").toString(),
            "--workload",
            SplinterFiles.file("network_latency_50_samples.csv").toString(),
            "--network",
            "vgg16",
            "--out",
            dir.toString());
    CliRun strategy =
        CliRun.runWithSystemStreams(
            "simulate",
            "--pool",
            SplinterFiles.file("simulation_pool_vgg16.csv").toString(),
            "--workload",
            SplinterFiles.file("network_latency_50_samples.csv").toString(),
            "--network",
            "vgg16",
            "--strategies",
            "dynasplit,fastest",
            "--out",
            dir.toString());
    CliRun network =
        CliRun.runWithSystemStreams(
            "simulate",
            "--pool",
            SplinterFiles.file("simulation_pool_vgg16.csv").toString(),
            "--workload",
            SplinterFiles.file("network_latency_50_samples.csv").toString(),
            "--network",
            "alexnet",
            "--out",
            dir.toString());

    assertEquals(2, missing.exit());
    assertTrue(missing.err().contains("--pool: no such file"), missing.err());
    assertEquals(2, strategy.exit());
    assertTrue(strategy.err().contains("fastest"), strategy.err());
    assertEquals(2, network.exit());
    assertTrue(network.err().contains("alexnet"), network.err());
  }
}
