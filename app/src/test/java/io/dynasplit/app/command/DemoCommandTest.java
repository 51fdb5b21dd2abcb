package io.dynasplit.app.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dynasplit.app.demo.DemoCharts;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {

  /**
   * Verifies that the demo, from an empty data folder, profiles ppocr-cls through the real path,
   * writes its front, runs a tiny workload for every policy and writes a report whose page shows
   * every chart (each a valid PNG) and names every policy in its table.
   */
  @Test
  void profilesRunsEveryPolicyAndWritesTheReport(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("report");
    Path data = dir.resolve("data");
    CliRun r =
        CliRun.run(
            "demo",
            "--out",
            out.toString(),
            "--data",
            data.toString(),
            "--requests",
            "12",
            "--interval-ms",
            "20",
            "--warmup",
            "2",
            "--profile-splits",
            "3",
            "--profile-n",
            "2");

    assertEquals(0, r.exit(), r.err());
    assertTrue(Files.isRegularFile(data.resolve("fronts/ppocr-cls.json")), "front written");
    String html = Files.readString(out.resolve("index.html"));
    for (String chart : DemoCharts.FILES) {
      assertTrue(html.contains("src=\"" + chart + "\""), chart);
      BufferedImage image = ImageIO.read(out.resolve(chart).toFile());
      assertTrue(image != null && image.getWidth() >= 600, chart);
    }
    String table = html.substring(html.indexOf("<h2>Figures</h2>"));
    for (String policy : List.of("adaptive", "dynasplit", "cloud", "edge")) {
      assertTrue(table.contains("<td>" + policy + "</td>"), policy);
      assertTrue(r.out().contains(policy), r.out());
    }
    assertTrue(html.contains("Emulated conditions"), "the emulation is labelled");
    List<String> requests = Files.readAllLines(out.resolve("requests.csv"));
    assertEquals(1 + 4 * 12, requests.size());
    assertTrue(r.err().contains("profile ppocr-cls"), r.err());
    assertTrue(r.err().contains("demo"), r.err());
  }

  /** Verifies that bad options are one line naming the problem, exit 2, before anything runs. */
  @Test
  void badOptionsExitTwo(@TempDir Path dir) throws Exception {
    CliRun policy = CliRun.run("demo", "--out", dir.toString(), "--policies", "adaptive,fastest");
    CliRun model = CliRun.run("demo", "--out", dir.toString(), "--models", "nope");
    CliRun requests = CliRun.run("demo", "--out", dir.toString(), "--requests", "0");
    Path file = Files.writeString(dir.resolve("a-file"), "x");
    CliRun out = CliRun.run("demo", "--out", file.toString());

    assertEquals(2, policy.exit());
    assertTrue(policy.err().contains("fastest"), policy.err());
    assertEquals(2, model.exit());
    assertTrue(model.err().contains("nope"), model.err());
    assertEquals(2, requests.exit());
    assertTrue(requests.err().contains("--requests"), requests.err());
    assertEquals(2, out.exit());
    assertTrue(out.err().contains("is a file"), out.err());
  }
}
