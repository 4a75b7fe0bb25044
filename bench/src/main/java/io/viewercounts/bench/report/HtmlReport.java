package io.viewercounts.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.LongSummaryStatistics;
import java.util.Map;

/**
 * The report as one self-contained HTML page: the verdict and the machine up top, then a card
 * per scenario with its figures against their targets and its charts. Nothing is loaded from
 * elsewhere, so the file can be mailed or attached to a ticket as it is. It is also well-formed
 * XML, which keeps it easy to check.
 */
public final class HtmlReport {

  private static final String STYLE = """
      :root { color-scheme: light; --pass: #15803d; --pass-bg: #dcfce7; --fail: #b91c1c;
        --fail-bg: #fee2e2; --ink: #1f2937; --muted: #6b7280; --line: #e5e7eb; }
      * { box-sizing: border-box; }
      body { margin: 0; padding: 24px; background: #f3f4f6; color: var(--ink);
        font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
      main { max-width: 1160px; margin: 0 auto; }
      header, section { background: #fff; border-radius: 10px; padding: 20px 24px;
        margin-bottom: 20px; box-shadow: 0 1px 3px rgb(0 0 0 / 8%); }
      header { border-top: 6px solid var(--pass); }
      header.failed { border-top-color: var(--fail); }
      h1 { margin: 0 0 4px; font-size: 22px; }
      h2 { margin: 0; font-size: 18px; display: flex; align-items: center; gap: 10px; }
      h2 small { color: var(--muted); font-weight: normal; font-size: 13px; }
      .verdict { font-size: 20px; font-weight: 700; margin: 8px 0 14px; }
      .passed .verdict, .badge.pass { color: var(--pass); }
      .failed .verdict, .badge.fail { color: var(--fail); }
      .badge { font-size: 12px; font-weight: 700; padding: 2px 8px; border-radius: 999px;
        background: var(--pass-bg); }
      .badge.fail { background: var(--fail-bg); }
      dl { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 0; }
      dt { color: var(--muted); }
      dd { margin: 0; }
      code { font: 12px/1.4 ui-monospace, SFMono-Regular, Menlo, monospace; background: #f3f4f6;
        padding: 2px 6px; border-radius: 4px; word-break: break-all; }
      .scenarios { list-style: none; padding: 0; margin: 14px 0 0; display: flex; gap: 8px;
        flex-wrap: wrap; }
      .scenarios a { text-decoration: none; }
      .parameters { list-style: none; padding: 0; margin: 10px 0 14px; display: flex;
        flex-wrap: wrap; gap: 6px; }
      .parameters li { background: #eef2ff; color: #3730a3; border-radius: 4px; padding: 1px 8px;
        font-size: 12px; }
      table { border-collapse: collapse; min-width: 60%; font-variant-numeric: tabular-nums; }
      th { text-align: left; color: var(--muted); font-weight: 600; font-size: 12px;
        border-bottom: 2px solid var(--line); padding: 6px 14px; }
      td { border-bottom: 1px solid var(--line); padding: 6px 14px; }
      .number { text-align: right; white-space: nowrap; }
      tr.met td.value, tr.met td.met { color: var(--pass); font-weight: 600; }
      tr.missed td { background: var(--fail-bg); }
      tr.missed td.value, tr.missed td.met { color: var(--fail); font-weight: 700; }
      .failures { margin: 14px 0 0; padding: 10px 14px; border-left: 4px solid var(--fail);
        background: var(--fail-bg); color: var(--fail); border-radius: 4px; }
      .failures h3 { margin: 0 0 4px; font-size: 14px; }
      .failures ul { margin: 0; padding-left: 20px; }
      .charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(420px, 1fr));
        gap: 16px; margin-top: 16px; }
      figure { margin: 0; border: 1px solid var(--line); border-radius: 8px; padding: 8px; }
      figcaption { color: var(--muted); font-size: 12px; padding: 0 8px 4px; }
      .chart { width: 100%; height: auto; display: block; }
      .chart text { fill: #374151; font-size: 12px; }
      .chart .chart-title { font-size: 14px; font-weight: 600; fill: var(--ink); }
      .chart .axis-title { fill: var(--muted); }
      .chart .grid { stroke: var(--line); }
      .chart .axis { stroke: #9ca3af; fill: none; }
      .chart .line { stroke: #2563eb; stroke-width: 2; fill: none; stroke-linejoin: round;
        stroke-linecap: round; }
      .chart .area { fill: rgb(37 99 235 / 10%); }
      .notes { color: var(--muted); margin: 14px 0 0; padding-left: 20px; }
      """;

  private HtmlReport() {}

  public static void write(BenchReport report, Path file) throws IOException {
    Files.writeString(file, render(report));
  }

  static String render(BenchReport report) {
    StringBuilder html = new StringBuilder();
    html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
        .append("<title>viewer-counts benchmark, ")
        .append(Html.escape(ConsoleTable.WHEN.format(report.started()))).append("</title>\n")
        .append("<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n<main>\n");
    header(report, html);
    report.scenarios().forEach(scenario -> scenario(scenario, html));
    return html.append("</main>\n</body>\n</html>\n").toString();
  }

  private static void header(BenchReport report, StringBuilder html) {
    Machine machine = report.machine();
    html.append("<header class=\"").append(report.passed() ? "passed" : "failed").append("\">\n")
        .append("<h1>viewer-counts benchmark</h1>\n<div class=\"verdict\">")
        .append(report.passed() ? "ALL SCENARIOS PASSED" : "BENCHMARK FAILED").append("</div>\n")
        .append("<dl>\n");
    term(html, "started", ConsoleTable.WHEN.format(report.started()) + ", took "
        + Numbers.duration(report.seconds()));
    term(html, "target", report.target());
    html.append("<dt>command</dt><dd><code>").append(Html.escape(report.command()))
        .append("</code></dd>\n");
    term(html, "machine", machine.cpu() + ", " + machine.cores() + " cores, "
        + Numbers.gib(machine.memoryBytes()));
    term(html, "system", machine.os() + ", " + machine.java());
    term(html, "load", "at start " + machine.loadAtStart() + "; at end " + machine.loadAtEnd());
    html.append("</dl>\n<ul class=\"scenarios\">\n");
    for (ScenarioResult scenario : report.scenarios()) {
      html.append("<li><a href=\"#").append(Html.escape(scenario.id())).append("\">");
      badge(scenario, html);
      html.append(' ').append(Html.escape(scenario.id())).append("</a></li>\n");
    }
    html.append("</ul>\n</header>\n");
  }

  private static void scenario(ScenarioResult scenario, StringBuilder html) {
    html.append("<section id=\"").append(Html.escape(scenario.id())).append("\">\n<h2>");
    badge(scenario, html);
    html.append(' ').append(Html.escape(scenario.title())).append(" <small>")
        .append(Html.escape(scenario.id())).append("</small></h2>\n<ul class=\"parameters\">");
    for (Map.Entry<String, String> parameter : scenario.parameters().entrySet()) {
      html.append("<li>").append(Html.escape(parameter.getKey())).append(" = <b>")
          .append(Html.escape(parameter.getValue())).append("</b></li>");
    }
    html.append("</ul>\n");
    figures(scenario.figures(), html);
    if (!scenario.passed()) {
      html.append("<div class=\"failures\"><h3>Failures</h3>\n");
      list(scenario.failures(), null, html);
      html.append("</div>\n");
    }
    charts(scenario, html);
    if (!scenario.notes().isEmpty()) {
      list(scenario.notes(), "notes", html);
    }
    html.append("</section>\n");
  }

  private static void figures(List<Figure> figures, StringBuilder html) {
    html.append("<table>\n<thead><tr><th>figure</th><th class=\"number\">value</th>")
        .append("<th class=\"number\">target</th><th>met</th></tr></thead>\n<tbody>\n");
    for (Figure figure : figures) {
      Boolean met = figure.met();
      html.append("<tr class=\"").append(met == null ? "" : met ? "met" : "missed").append("\">")
          .append("<td>").append(Html.escape(figure.label())).append("</td>")
          .append("<td class=\"number value\">")
          .append(Html.escape((Numbers.format(figure.value()) + " " + figure.unit()).strip()))
          .append("</td><td class=\"number\">")
          .append(figure.target() == null ? "" : Html.escape(figure.target().describe()))
          .append("</td><td class=\"met\">")
          .append(ConsoleTable.met(met)).append("</td></tr>\n");
    }
    html.append("</tbody>\n</table>\n");
  }

  private static void charts(ScenarioResult scenario, StringBuilder html) {
    boolean latency = scenario.latency() != null && scenario.latency().getTotalCount() > 0;
    boolean delivered = !scenario.deliveredPerSecond().isEmpty();
    if (!latency && !delivered) {
      return;
    }
    html.append("<div class=\"charts\">\n");
    if (latency) {
      LatencySummary summary = LatencySummary.of(scenario.latency());
      chart(Charts.latency(scenario.latencyLabel(), scenario.latency()),
          String.format(Locale.ROOT,
              "p50 %s ms · p90 %s ms · p99 %s ms · p99.9 %s ms · max %s ms · %,d samples",
              Numbers.millis(summary.p50()), Numbers.millis(summary.p90()),
              Numbers.millis(summary.p99()), Numbers.millis(summary.p999()),
              Numbers.millis(summary.max()), summary.count()),
          html);
    }
    if (delivered) {
      LongSummaryStatistics perSecond = scenario.deliveredPerSecond().stream()
          .mapToLong(Long::longValue).summaryStatistics();
      chart(Charts.delivered(scenario.deliveredPerSecond()),
          String.format(Locale.ROOT, "mean %s/s · lowest %s/s · highest %s/s over %d s",
              Numbers.format(perSecond.getAverage()), Numbers.format(perSecond.getMin()),
              Numbers.format(perSecond.getMax()), perSecond.getCount()),
          html);
    }
    html.append("</div>\n");
  }

  private static void chart(String svg, String caption, StringBuilder html) {
    html.append("<figure>").append(svg).append("<figcaption>").append(Html.escape(caption))
        .append("</figcaption></figure>\n");
  }

  private static void badge(ScenarioResult scenario, StringBuilder html) {
    html.append(scenario.passed()
        ? "<span class=\"badge pass\">PASSED</span>"
        : "<span class=\"badge fail\">FAILED</span>");
  }

  private static void term(StringBuilder html, String term, String description) {
    html.append("<dt>").append(term).append("</dt><dd>").append(Html.escape(description))
        .append("</dd>\n");
  }

  private static void list(List<String> items, String cssClass, StringBuilder html) {
    html.append(cssClass == null ? "<ul>" : "<ul class=\"" + cssClass + "\">");
    items.forEach(item -> html.append("<li>").append(Html.escape(item)).append("</li>"));
    html.append("</ul>\n");
  }
}
