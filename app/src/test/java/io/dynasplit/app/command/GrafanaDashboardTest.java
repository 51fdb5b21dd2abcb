package io.dynasplit.app.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped Grafana dashboard's queries are valid PromQL ({@code promtool check rules}). */
class GrafanaDashboardTest {

  private static final Path DASHBOARD = Path.of("..", "docs", "grafana", "dynasplit.json");

  @Test
  void everyPanelQueryIsValidPromql(@TempDir Path dir) throws Exception {
    JsonNode dash = new ObjectMapper().readTree(DASHBOARD.toFile());
    List<String> exprs = new ArrayList<>();
    for (JsonNode panel : dash.get("panels")) {
      for (JsonNode target : panel.get("targets")) {
        exprs.add(target.get("expr").asText());
      }
    }
    assertFalse(exprs.isEmpty(), "no queries");
    StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
    for (int i = 0; i < exprs.size(); i++) {
      // the dashboard's variables, as Grafana expands "All"
      String expr = exprs.get(i).replace("$edge", ".*").replace("$cloud", ".*");
      rules
          .append("      - record: dashboard:query")
          .append(i)
          .append("\n        expr: '")
          .append(expr.replace("'", "''"))
          .append("'\n");
    }
    Path file = dir.resolve("rules.yml");
    Files.writeString(file, rules);
    Process p =
        new ProcessBuilder(UpHttpEndpointTest.tool("promtool"), "check", "rules", file.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(60, TimeUnit.SECONDS);
    assertEquals(0, p.exitValue(), "promtool check rules:\n" + out + "\n" + rules);
  }
}
