package io.viewercounts.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class HtmlReportTest {

  @TempDir
  Path directory;

  @Test
  void drawsOneChartForTheLatenciesAndOneForTheDeliveries() throws Exception {
    Document page =
        parsed(written(SampleReports.of(SampleReports.latency(), SampleReports.fanout())));

    assertThat(page.getElementsByTagName("svg").getLength()).isEqualTo(2);
    assertThat(page.getElementsByTagName("figcaption").item(0).getTextContent())
        .contains("p99 99.0 ms", "100 samples");
  }

  @Test
  void drawsNoChartForAScenarioWithoutLatenciesOrDeliveries() throws Exception {
    String html = written(SampleReports.of(SampleReports.figuresOnly("connections held")));

    assertThat(html).doesNotContain("<svg").contains("connections held", "30,000 connections");
  }

  @Test
  void escapesTextFromTheRun() throws Exception {
    String html = written(SampleReports.of(SampleReports.figuresOnly("<script>alert(1)</script>")));

    assertThat(html).doesNotContain("<script").contains("&lt;script&gt;alert(1)&lt;/script&gt;");
    assertThat(parsed(html).getElementsByTagName("script").getLength()).isZero();
  }

  @Test
  void marksMissedTargetsAndShowsFailures() throws Exception {
    String html = written(SampleReports.of(SampleReports.latency(), SampleReports.fanout()));

    assertThat(html)
        .contains("<tr class=\"missed\"><td>COMMIT to client, p99</td>")
        .contains("<tr class=\"met\"><td>COMMIT to client, p50</td>")
        .contains("BENCHMARK FAILED")
        .contains("<div class=\"failures\"><h3>Failures</h3>\n<ul><li>"
            + SampleReports.LOST_UPDATES);
  }

  @Test
  void loadsNothingFromElsewhere() throws Exception {
    String html = written(SampleReports.of(SampleReports.latency(), SampleReports.fanout()));

    assertThat(html).doesNotContain("<link", "<script", "src=", "url(", "@import");
  }

  private String written(BenchReport report) throws Exception {
    Path file = directory.resolve("report.html");
    HtmlReport.write(report, file);
    return Files.readString(file);
  }

  /** Parsed as XML, which only succeeds when every element is closed and every entity known. */
  private static Document parsed(String html) throws Exception {
    return DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
  }
}
