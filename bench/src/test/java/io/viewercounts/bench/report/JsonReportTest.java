package io.viewercounts.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.viewercounts.bench.report.Figure.Target;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class JsonReportTest {

  @TempDir
  Path directory;

  @Test
  void holdsEveryFigureWithItsTargetAndWhetherItWasMet() {
    JsonNode figures = written(SampleReports.of(SampleReports.latency()))
        .get("scenarios").get(0).get("figures");

    assertThat(figures).hasSize(3);
    assertThat(figures.get(0).get("key").asString()).isEqualTo("commit_to_client_p50_ms");
    assertThat(figures.get(0).get("value").asDouble()).isEqualTo(50);
    assertThat(figures.get(0).get("unit").asString()).isEqualTo("ms");
    assertThat(figures.get(0).get("target").get("atMost").asBoolean()).isTrue();
    assertThat(figures.get(0).get("target").get("bound").asDouble()).isEqualTo(100);
    assertThat(figures.get(0).get("met").asBoolean()).isTrue();
    assertThat(figures.get(1).get("met").asBoolean()).isFalse();
    assertThat(figures.get(2).get("target").isNull()).isTrue();
    assertThat(figures.get(2).get("met").isNull()).isTrue();
  }

  @Test
  void holdsTheLatencyPercentilesInMilliseconds() {
    JsonNode latency = written(SampleReports.of(SampleReports.latency()))
        .get("scenarios").get(0).get("latency");

    assertThat(latency.get("label").asString()).isEqualTo("COMMIT to client");
    assertThat(latency.get("unit").asString()).isEqualTo("ms");
    assertThat(latency.get("count").asLong()).isEqualTo(100);
    assertThat(latency.get("p50").asDouble()).isCloseTo(50, within(0.1));
    assertThat(latency.get("p99").asDouble()).isCloseTo(99, within(0.1));
    assertThat(latency.get("max").asDouble()).isCloseTo(100, within(0.1));
    JsonNode percentiles = latency.get("percentiles");
    assertThat(percentiles.size()).isGreaterThan(10);
    assertThat(percentiles.get(0).get("percentile").asDouble()).isEqualTo(0);
    JsonNode last = percentiles.get(percentiles.size() - 1);
    assertThat(last.get("percentile").asDouble()).isEqualTo(100);
    assertThat(last.get("value_ms").asDouble()).isCloseTo(100, within(0.1));
  }

  @Test
  void holdsTheFailuresAndWhetherEachScenarioAndTheRunPassed() {
    JsonNode report =
        written(SampleReports.of(SampleReports.latency(), SampleReports.fanout()));

    assertThat(report.get("passed").asBoolean()).isFalse();
    assertThat(report.get("scenarios").get(0).get("passed").asBoolean()).isTrue();
    JsonNode fanout = report.get("scenarios").get(1);
    assertThat(fanout.get("passed").asBoolean()).isFalse();
    assertThat(fanout.get("failures").get(0).asString()).isEqualTo(SampleReports.LOST_UPDATES);
  }

  @Test
  void holdsTheRunAndTheMachine() {
    JsonNode report = written(SampleReports.of(SampleReports.fanout()));

    assertThat(report.get("started").asString()).isEqualTo("2026-05-01T14:03:00Z");
    assertThat(report.get("seconds").asDouble()).isEqualTo(93.5);
    assertThat(report.get("machine").get("cores").asInt()).isEqualTo(2);
    assertThat(report.get("machine").get("loadAtEnd").asString()).startsWith("1.80");
    JsonNode fanout = report.get("scenarios").get(0);
    assertThat(fanout.get("parameters").get("clients").asString()).isEqualTo("20000");
    assertThat(fanout.get("deliveredPerSecond").get(1).asLong()).isEqualTo(42_000);
    assertThat(fanout.get("latency").isNull()).isTrue();
  }

  @Test
  void writesAFigureThatCouldNotBeMeasuredAsNull() {
    ScenarioResult nothingDelivered = new ScenarioResult("poller", "Poller to browser",
        Map.of(),
        List.of(new Figure("p99_ms", "p99", Double.NaN, "ms", Target.under(100))),
        List.of(), null, null, List.of(), List.of());

    JsonNode figure = written(SampleReports.of(nothingDelivered))
        .get("scenarios").get(0).get("figures").get(0);

    assertThat(figure.get("value").isNull()).isTrue();
    assertThat(figure.get("met").asBoolean()).isFalse();
  }

  private JsonNode written(BenchReport report) {
    Path file = directory.resolve("report.json");
    JsonReport.write(report, file);
    return JsonMapper.builder().build().readTree(file);
  }
}
