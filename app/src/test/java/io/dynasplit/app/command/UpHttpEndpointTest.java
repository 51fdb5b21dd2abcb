package io.dynasplit.app.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dynasplit.testsupport.HttpProbe;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code dynasplit up --http-port P} as an operator meets it: health, Prometheus metrics that
 * {@code promtool} lints clean and a real Prometheus server scrapes, and readiness that follows the
 * broker.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UpHttpEndpointTest {

  private static final String EDGE = "edge-http";
  private static final String MODEL = "ppocr-cls";
  private static final int REQUESTS = 20;

  @TempDir static Path data;

  private static UpCommand.Running up;
  private static String base;

  @BeforeAll
  static void startUp() throws Exception {
    int httpPort = HttpProbe.freePort();
    UpCommand command = new UpCommand();
    new CommandLine(command)
        .parseArgs(
            "--port",
            "0",
            "--http-port",
            String.valueOf(httpPort),
            "--data",
            data.toString(),
            "--edge-id",
            EDGE,
            "--models",
            MODEL,
            "--no-autoprofile");
    up = command.start();
    base = "http://127.0.0.1:" + up.endpoint().port();
    CliRun r =
        CliRun.run(
            "request",
            "--broker-port",
            String.valueOf(up.brokerPort()),
            "--edge",
            EDGE,
            "--model",
            MODEL,
            "--random",
            "--sla",
            "10000",
            "--count",
            String.valueOf(REQUESTS),
            "--concurrency",
            "2",
            "--timeout",
            "60");
    assertEquals(0, r.exit(), () -> r.out() + r.err());
  }

  @AfterAll
  static void stopUp() {
    if (up != null) {
      up.close();
    }
  }

  @Test
  void healthIsLiveAndReady() throws Exception {
    assertEquals(200, HttpProbe.get(base + "/health/live").statusCode());
    HttpResponse<String> ready = HttpProbe.get(base + "/health/ready");
    assertEquals(200, ready.statusCode(), ready.body());
    assertTrue(ready.body().contains("\"ready\""), ready.body());
  }

  @Test
  void metricsCountTheRequestsAndPassPromtoolLint() throws Exception {
    HttpResponse<String> r = HttpProbe.get(base + "/metrics");
    assertEquals(200, r.statusCode());
    assertTrue(
        r.headers().firstValue("content-type").orElse("").startsWith("text/plain; version=0.0.4"),
        r.headers().toString());
    String text = r.body();
    Path file = data.resolve("metrics.txt");
    Files.writeString(file, text);
    assertEquals(REQUESTS, sum(text, "dynasplit_requests_total", "model=\"" + MODEL + "\""), 0.0);
    assertTrue(text.contains("role=\"edge\""), "edge meters carry the role tag");
    assertTrue(
        text.contains("dynasplit_tails_queued{node=\"cloud-1\",role=\"cloud\"}"),
        "the cloud worker's meters");
    assertTrue(text.contains("dynasplit_request_duration_seconds_bucket{"), "latency histogram");
    assertTrue(text.contains("dynasplit_energy_joules_total{"), "energy counter");
    assertTrue(text.contains("jvm_memory_used_bytes"), "jvm meters");
    // Vert.x's own meters (vertx_*) are not asserted here: in a JVM that already ran and closed
    // another metered Vert.x (earlier test classes) they do not reach the new registry; a real
    // process has one (65 vertx_* series in `up`'s /metrics: ARCHITECTURE 12)

    Process promtool =
        new ProcessBuilder(tool("promtool"), "check", "metrics")
            .redirectInput(file.toFile())
            .redirectErrorStream(true)
            .start();
    String lint = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(promtool.waitFor(60, TimeUnit.SECONDS), "promtool did not finish");
    assertEquals(0, promtool.exitValue(), "promtool check metrics:\n" + lint);
    assertEquals("", lint.strip(), "promtool lint problems");
  }

  @Test
  void aPrometheusServerScrapesTheRequests() throws Exception {
    int promPort = HttpProbe.freePort();
    Path dir = Files.createDirectories(data.resolve("prometheus"));
    Path config = dir.resolve("prometheus.yml");
    Files.writeString(
        config,
        String.join(
            "\n",
            "global:",
            "  scrape_interval: 1s",
            "scrape_configs:",
            "  - job_name: dynasplit",
            "    static_configs:",
            "      - targets: ['127.0.0.1:" + up.endpoint().port() + "']",
            ""));
    Process prometheus =
        new ProcessBuilder(
                tool("prometheus"),
                "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("tsdb"),
                "--web.listen-address=127.0.0.1:" + promPort)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("prometheus.log").toFile())
            .start();
    try {
      String query =
          "http://127.0.0.1:"
              + promPort
              + "/api/v1/query?query=sum(dynasplit_requests_total%7Bjob%3D%22dynasplit%22%7D)";
      HttpResponse<String> r =
          HttpProbe.await(
              query,
              resp -> resp.statusCode() == 200 && resp.body().contains("\"" + REQUESTS + "\""),
              Duration.ofSeconds(90));
      assertTrue(r.body().contains("\"status\":\"success\""), r.body());
    } finally {
      prometheus.destroy();
      if (!prometheus.waitFor(20, TimeUnit.SECONDS)) {
        prometheus.destroyForcibly();
      }
    }
  }

  @Test
  void theDashboardShowsTheNodeInAHeadlessBrowser() throws Exception {
    Path profile = Files.createDirectories(data.resolve("chromium"));
    Process chromium =
        new ProcessBuilder(
                tool("chromium"),
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--user-data-dir=" + profile,
                "--enable-logging=stderr",
                "--v=0",
                "--virtual-time-budget=7000",
                "--dump-dom",
                base + "/")
            .redirectError(data.resolve("chromium.log").toFile())
            .start();
    String dom = new String(chromium.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(chromium.waitFor(120, TimeUnit.SECONDS), "chromium did not finish");
    String log = Files.readString(data.resolve("chromium.log"));
    assertTrue(dom.contains("data-node=\"" + EDGE + "\""), "edge card missing:\n" + dom);
    assertTrue(dom.contains("serving " + MODEL), "served model missing:\n" + dom);
    assertTrue(dom.contains("data-node=\"cloud-1\""), "cloud card missing:\n" + dom);
    assertTrue(
        dom.contains("<b class=\"total\">" + REQUESTS + "</b>"),
        "answered requests not shown:\n" + dom);
    assertTrue(dom.contains("data-errors=\"0\""), "script errors:\n" + dom);
    assertTrue(dom.contains("data-updates="), "the page never read the metrics:\n" + dom);
    List<String> consoleErrors =
        log.lines()
            .filter(l -> l.contains("CONSOLE") && l.matches(".*(Uncaught|Error|Failed).*"))
            .toList();
    assertEquals(List.of(), consoleErrors, "console errors");
  }

  @Test
  @Order(Integer.MAX_VALUE)
  void readinessFollowsTheBroker() throws Exception {
    up.broker().close();
    HttpResponse<String> r =
        HttpProbe.await(
            base + "/health/ready", resp -> resp.statusCode() == 503, Duration.ofSeconds(30));
    assertTrue(r.body().contains("not connected"), r.body());
    assertEquals(200, HttpProbe.get(base + "/health/live").statusCode(), "still live");
  }

  /** The sum of a metric's samples whose labels contain {@code labelPart}. */
  static double sum(String text, String metric, String labelPart) {
    Matcher m =
        Pattern.compile("^" + Pattern.quote(metric) + "\\{([^}]*)} (\\S+)$", Pattern.MULTILINE)
            .matcher(text);
    double total = 0;
    while (m.find()) {
      if (m.group(1).contains(labelPart)) {
        total += Double.parseDouble(m.group(2));
      }
    }
    return total;
  }

  /** A Debian-packaged tool on the PATH or in /usr/bin (.ci/run installs them). */
  static String tool(String name) throws IOException {
    for (String dir : List.of("/usr/bin", "/usr/local/bin", "/usr/sbin")) {
      Path p = Path.of(dir, name);
      if (Files.isExecutable(p)) {
        return p.toString();
      }
    }
    throw new IOException(
        name + " is not installed: apt-get install prometheus (.ci/run installs it)");
  }
}
