package io.dynasplit.app.demo;

import io.dynasplit.schemas.FrontEntry;
import io.dynasplit.schemas.ParetoFront;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The demo's report: {@code index.html} (plain static HTML, no scripts, no network) showing the
 * charts of {@link DemoCharts} and the table of figures, with {@code summary.csv} and {@code
 * requests.csv} beside it.
 */
public final class DemoReport {

  /** The columns of the table and of {@code summary.csv}. */
  public static final List<String> COLUMNS =
      List.of(
          "policy",
          "requests",
          "ok",
          "SLA met %",
          "p50 ms",
          "p95 ms",
          "edge J",
          "cloud J",
          "total J per request",
          "saving vs cloud-only %");

  private DemoReport() {}

  /** Writes the charts, the CSV files and {@code index.html} into {@code dir}; returns the page. */
  public static Path write(DemoResult result, Path dir) throws IOException {
    Files.createDirectories(dir);
    DemoCharts.writeAll(result, dir);
    Files.write(dir.resolve("summary.csv"), summaryCsv(result));
    Files.write(dir.resolve("requests.csv"), requestsCsv(result));
    Path index = dir.resolve("index.html");
    Files.writeString(index, html(result));
    return index;
  }

  /** The table's rows, one per policy, formatted as the page and the CSV show them. */
  public static List<List<String>> rows(DemoResult result) {
    PolicySummary cloud = result.cloudOnly();
    List<List<String>> rows = new ArrayList<>();
    for (PolicySummary s : result.summaries()) {
      double saving = s.savingPct(cloud);
      rows.add(
          List.of(
              s.policy(),
              Integer.toString(s.requests()),
              Integer.toString(s.ok()),
              f("%.1f", s.slaMetPct()),
              f("%.1f", s.p50Ms()),
              f("%.1f", s.p95Ms()),
              f("%.4f", s.edgeJ()),
              f("%.4f", s.cloudJ()),
              f("%.4f", s.totalJ()),
              Double.isNaN(saving) ? "" : f("%.1f", saving)));
    }
    return rows;
  }

  private static List<String> summaryCsv(DemoResult result) {
    List<String> lines = new ArrayList<>();
    lines.add(String.join(",", COLUMNS.stream().map(c -> c.replace(' ', '_')).toList()));
    rows(result).forEach(r -> lines.add(String.join(",", r)));
    return lines;
  }

  private static List<String> requestsCsv(DemoResult result) {
    List<String> lines = new ArrayList<>();
    lines.add(
        "policy,index,phase,model,sla_ms,status,sla_met,latency_ms,queue_ms,head_ms,transfer_ms,"
            + "tail_ms,split,codec,fallback,edge_j,cloud_j");
    for (String p : result.policies()) {
      for (DemoOutcome o : result.outcomes().get(p)) {
        lines.add(
            String.join(
                ",",
                o.policy(),
                Integer.toString(o.index()),
                '"' + result.scenario().phases().get(o.phase()).name() + '"',
                o.model(),
                Long.toString(o.slaMs()),
                o.status(),
                Boolean.toString(o.slaMet()),
                f("%.2f", o.latencyMs()),
                f("%.2f", o.queueMs()),
                f("%.2f", o.headMs()),
                f("%.2f", o.transferMs()),
                f("%.2f", o.tailMs()),
                Integer.toString(o.split()),
                o.codec(),
                Boolean.toString(o.fallback()),
                f("%.5f", o.edgeJ()),
                f("%.5f", o.cloudJ())));
      }
    }
    return lines;
  }

  static String html(DemoResult result) {
    StringBuilder h = new StringBuilder();
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<title>DynaSplit demo</title>\n<style>\n")
        .append("body{font-family:sans-serif;max-width:1240px;margin:2em auto;padding:0 1em;")
        .append("color:#222}\ntable{border-collapse:collapse;margin:1em 0}\n")
        .append("th,td{border:1px solid #ccc;padding:4px 10px;text-align:right}\n")
        .append("th:first-child,td:first-child{text-align:left}\nth{background:#f3f3f3}\n")
        .append("img{max-width:100%;border:1px solid #eee;margin:0.5em 0}\n")
        .append(".note{background:#fff6e5;border-left:4px solid #f0a030;padding:0.6em 1em}\n")
        .append("</style>\n</head>\n<body>\n<h1>DynaSplit demo</h1>\n");
    int n = result.workload().size();
    long tight = result.workload().requests().stream().filter(DemoWorkload.Request::tight).count();
    h.append("<p>")
        .append(n)
        .append(" requests per policy (")
        .append(tight)
        .append(" with a tight SLA, ")
        .append(n - tight)
        .append(" loose; seed ")
        .append(result.seed())
        .append(", one every ")
        .append(result.intervalMs())
        .append(" ms on average, sent without waiting for replies), the same for each policy: ")
        .append(esc(String.join(", ", result.policies())))
        .append(". Each ran through a real data plane in one process: an embedded MQTT broker,")
        .append(" a cloud worker and an edge node; every request and intermediate tensor crossed")
        .append(" the broker. Run took ")
        .append(f("%.0f", result.elapsedS()))
        .append(" s.</p>\n");
    h.append("<p class=\"note\"><b>Emulated conditions.</b> The edge and the cloud run on this one")
        .append(" machine, so the link between them is loopback and the cloud is idle. The")
        .append(
            " scenario's phases are emulated on the cloud worker: a <i>bandwidth drop</i> holds")
        .append(" each tail request on an emulated uplink (its bytes &times; 8 / Mbit/s, one")
        .append(" request at a time, which the edge sees as transfer time), a <i>busy cloud</i>")
        .append(" holds the worker for extra time after each tail (which the edge sees as a slower")
        .append(" cloud and a queue). Inference, transfers over the broker and energy metering are")
        .append(" real; the slow link and the busy cloud are not. Energy source: ")
        .append(esc(String.join(", ", result.energySources())))
        .append(" (<code>model</code> is the power model's estimate from CPU time, not a")
        .append(" measurement).</p>\n");
    h.append("<h2>Scenario</h2>\n<table>\n<tr><th>phase</th><th>requests</th></tr>\n");
    DemoScenario s = result.scenario();
    for (int i = 0; i < s.phases().size(); i++) {
      int to = i + 1 < s.phases().size() ? s.start(i + 1, n) : n;
      h.append("<tr><td>")
          .append(esc(s.phases().get(i).name()))
          .append("</td><td>")
          .append(s.start(i, n))
          .append("&ndash;")
          .append(to - 1)
          .append("</td></tr>\n");
    }
    h.append("</table>\n<h2>Figures</h2>\n<table>\n<tr>");
    COLUMNS.forEach(c -> h.append("<th>").append(esc(c)).append("</th>"));
    h.append("</tr>\n");
    for (List<String> row : rows(result)) {
      h.append("<tr>");
      row.forEach(c -> h.append("<td>").append(esc(c)).append("</td>"));
      h.append("</tr>\n");
    }
    h.append("</table>\n<p>SLA met: answered ok within the SLA (the edge's verdict, from the")
        .append(" request's arrival at the edge). Latencies and energies are over the requests")
        .append(" answered ok; energy per request is edge plus cloud. Saving: against the")
        .append(" cloud-only policy's total J per request.</p>\n");
    String[] captions = {
      "Energy per request (edge and cloud) and SLAs met, per policy, against cloud-only",
      "Configurations chosen over time: the split each request ran at, per policy",
      "Where the time went: mean queue, head, transfer and tail per policy",
      "Latency of each request over time, per policy"
    };
    for (int i = 0; i < DemoCharts.FILES.size(); i++) {
      h.append("<h2>")
          .append(captions[i])
          .append("</h2>\n<img src=\"")
          .append(DemoCharts.FILES.get(i))
          .append("\" alt=\"")
          .append(captions[i])
          .append("\">\n");
    }
    h.append("<h2>Fronts</h2>\n<p>The edge scheduled from these fronts (")
        .append(
            result.profiled().isEmpty()
                ? "all reused from the data folder"
                : "measured now: " + esc(String.join(", ", result.profiled())))
        .append(").</p>\n");
    for (ParetoFront front : result.fronts().values()) {
      h.append("<h3>")
          .append(esc(front.model()))
          .append("</h3>\n<table>\n<tr><th>split</th><th>codec</th><th>p50 ms</th>")
          .append("<th>p95 ms</th><th>bytes</th><th>edge J</th><th>cloud J</th></tr>\n");
      for (FrontEntry e : front.entries()) {
        h.append("<tr><td>")
            .append(e.config().split())
            .append("</td><td>")
            .append(e.config().codec())
            .append("</td><td>")
            .append(f("%.1f", e.latencyMs()))
            .append("</td><td>")
            .append(f("%.1f", e.latencyP95Ms()))
            .append("</td><td>")
            .append(e.bytes())
            .append("</td><td>")
            .append(f("%.4f", e.edgeEnergyJ()))
            .append("</td><td>")
            .append(f("%.4f", e.cloudEnergyJ()))
            .append("</td></tr>\n");
      }
      h.append("</table>\n");
    }
    h.append("<p>Data: <a href=\"summary.csv\">summary.csv</a>, ")
        .append("<a href=\"requests.csv\">requests.csv</a>.</p>\n</body>\n</html>\n");
    return h.toString();
  }

  private static String f(String format, double v) {
    return String.format(Locale.ROOT, format, v);
  }

  private static String esc(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
