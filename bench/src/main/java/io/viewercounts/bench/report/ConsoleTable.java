package io.viewercounts.bench.report;

import java.io.PrintStream;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** The report as plain text for the console: the run, then each scenario's figures as a table. */
public final class ConsoleTable {

  static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  private static final String[] HEADER = {"figure", "value", "", "target", "met"};
  /** Labels read from the left; numbers line up on their last digit, their unit just after. */
  private static final boolean[] RIGHT_ALIGNED = {false, true, false, false, false};
  private static final String[] GAP_BEFORE = {"  ", "  ", " ", "  ", "  "};

  private ConsoleTable() {}

  public static void print(BenchReport report, PrintStream out) {
    Machine machine = report.machine();
    out.printf("viewer-counts benchmark, started %s, took %s%n",
        WHEN.format(report.started()), Numbers.duration(report.seconds()));
    out.printf("machine  %s, %d cores, %s, %s, %s%n", machine.cpu(), machine.cores(),
        Numbers.gib(machine.memoryBytes()), machine.os(), machine.java());
    out.printf("load     at start %s; at end %s%n", machine.loadAtStart(), machine.loadAtEnd());
    out.printf("command  %s%n", report.command());
    out.printf("target   %s%n", report.target());
    for (ScenarioResult scenario : report.scenarios()) {
      out.println();
      printScenario(scenario, out);
    }
    out.println();
    long failed = report.scenarios().stream().filter(scenario -> !scenario.passed()).count();
    out.println(failed == 0
        ? "ALL SCENARIOS PASSED"
        : "BENCHMARK FAILED: " + failed + " scenario(s) lost data or broke ordering");
  }

  private static void printScenario(ScenarioResult scenario, PrintStream out) {
    out.printf("== %s: %s ==%n", scenario.id(), scenario.title());
    out.println(scenario.parameters().entrySet().stream()
        .map(parameter -> parameter.getKey() + "=" + parameter.getValue())
        .collect(Collectors.joining("  ")));
    List<String[]> rows = new ArrayList<>();
    rows.add(HEADER);
    for (Figure figure : scenario.figures()) {
      rows.add(new String[] {figure.label(), Numbers.format(figure.value()), figure.unit(),
          figure.target() == null ? "" : figure.target().describe(), met(figure.met())});
    }
    printAligned(rows, out);
    if (scenario.latency() != null) {
      LatencySummary latency = LatencySummary.of(scenario.latency());
      out.printf("  %s (ms): p50 %s  p90 %s  p99 %s  p99.9 %s  max %s  (%,d samples)%n",
          scenario.latencyLabel(), Numbers.millis(latency.p50()), Numbers.millis(latency.p90()),
          Numbers.millis(latency.p99()), Numbers.millis(latency.p999()),
          Numbers.millis(latency.max()), latency.count());
    }
    if (scenario.passed()) {
      out.println("PASSED");
    } else {
      out.println("FAILED:");
      scenario.failures().forEach(failure -> out.println("  - " + failure));
    }
    scenario.notes().forEach(note -> out.println("note: " + note));
  }

  static String met(Boolean met) {
    return met == null ? "" : met ? "yes" : "NO";
  }

  private static void printAligned(List<String[]> rows, PrintStream out) {
    int[] widths = new int[HEADER.length];
    for (String[] row : rows) {
      for (int column = 0; column < row.length; column++) {
        widths[column] = Math.max(widths[column], row[column].length());
      }
    }
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int column = 0; column < row.length; column++) {
        String format =
            "%" + (RIGHT_ALIGNED[column] ? "" : "-") + Math.max(1, widths[column]) + "s";
        line.append(GAP_BEFORE[column]).append(String.format(format, row[column]));
      }
      out.println(line.toString().stripTrailing());
    }
  }
}
