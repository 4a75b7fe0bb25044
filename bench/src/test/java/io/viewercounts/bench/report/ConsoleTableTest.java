package io.viewercounts.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsoleTableTest {

  @Test
  void marksAMissedTargetWithNo() {
    List<String> lines = printed(SampleReports.of(SampleReports.latency()));

    assertThat(line(lines, "COMMIT to client, p99")).contains("99 ms", "< 20").endsWith("NO");
    assertThat(line(lines, "COMMIT to client, p50")).contains("50 ms", "< 100").endsWith("yes");
    assertThat(line(lines, "updates sent")).endsWith("12,000");
  }

  @Test
  void alignsTheColumns() {
    List<String> lines = printed(SampleReports.of(SampleReports.latency()));

    String met = line(lines, "COMMIT to client, p50");
    String missed = line(lines, "COMMIT to client, p99");
    assertThat(met.indexOf("50 ms")).isEqualTo(missed.indexOf("99 ms"));
    assertThat(met.indexOf("yes")).isEqualTo(missed.indexOf("NO"));
  }

  @Test
  void printsFailedWithEachFailureAndTheVerdict() {
    List<String> lines = printed(SampleReports.of(SampleReports.latency(), SampleReports.fanout()));

    assertThat(lines).containsSubsequence(
        "== fanout: Fan-out to many clients ==", "FAILED:", "  - " + SampleReports.LOST_UPDATES);
    assertThat(lines.get(lines.size() - 1))
        .isEqualTo("BENCHMARK FAILED: 1 scenario(s) lost data or broke ordering");
  }

  @Test
  void printsPassedWhenNoPromiseWasBroken() {
    List<String> lines = printed(SampleReports.of(SampleReports.latency()));

    assertThat(lines).containsSubsequence(
        "== latency: COMMIT to client latency ==", "clients=5000  seconds=60", "PASSED",
        "note: the writer was the limit");
    assertThat(lines.get(lines.size() - 1)).isEqualTo("ALL SCENARIOS PASSED");
  }

  @Test
  void printsTheLatencyPercentilesInMilliseconds() {
    List<String> lines = printed(SampleReports.of(SampleReports.latency()));

    assertThat(line(lines, "COMMIT to client (ms)"))
        .contains("p50 50.0", "p90 90.0", "p99 99.0", "max 100", "(100 samples)");
  }

  @Test
  void printsTheMachineAndHowToRepeatTheRun() {
    List<String> lines = printed(SampleReports.of(SampleReports.fanout()));

    assertThat(lines).containsSubsequence(
        "viewer-counts benchmark, started 2026-05-01 14:03:00 UTC, took 93.5 s",
        "machine  AMD EPYC 7B13, 2 cores, 8.0 GiB, Linux 6.1.0, Eclipse Adoptium 17.0.12",
        "load     at start 0.52 0.40 0.33 1/200 1234; at end 1.80 0.90 0.50 2/210 2345",
        "command  mvn -B -q -pl bench -am -Pbench verify");
  }

  private static List<String> printed(BenchReport report) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ConsoleTable.print(report, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return bytes.toString(StandardCharsets.UTF_8).lines().toList();
  }

  private static String line(List<String> lines, String containing) {
    return lines.stream().filter(line -> line.contains(containing)).findFirst().orElseThrow();
  }
}
