package io.viewercounts.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportFilesTest {

  @TempDir
  Path directory;

  @Test
  void printsTheTableAndWritesBothFilesIntoANewDirectory() throws Exception {
    Path reports = directory.resolve("bench-reports");
    ByteArrayOutputStream console = new ByteArrayOutputStream();

    ReportFiles.writeAll(SampleReports.of(SampleReports.latency()), reports,
        new PrintStream(console, true, StandardCharsets.UTF_8));

    assertThat(reports.resolve("report.json")).isNotEmptyFile();
    assertThat(reports.resolve("report.html")).isNotEmptyFile();
    assertThat(console.toString(StandardCharsets.UTF_8))
        .contains("ALL SCENARIOS PASSED")
        .contains("report: " + reports.resolve("report.json").toAbsolutePath())
        .contains("report: " + reports.resolve("report.html").toAbsolutePath());
  }
}
