package io.viewercounts.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.viewercounts.bench.report.BenchReport;
import io.viewercounts.bench.report.ScenarioResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark's smoke run, in the build: every scenario at small numbers against a fresh
 * standalone (from its runnable jar, built by `package`), checking correctness only: the timings
 * of a loaded CI machine prove nothing, but a lost update or a version going backwards fails.
 */
class BenchSmokeIT {

  @Test
  void everyScenarioDeliversEveryChangeInOrder(@TempDir Path out) throws Exception {
    ByteArrayOutputStream console = new ByteArrayOutputStream();

    BenchReport report = Bench.run(
        Options.parse("--preset", "smoke", "--out", out.toString()), "--preset smoke",
        new PrintStream(console, true, StandardCharsets.UTF_8));

    assertThat(report.scenarios()).extracting(ScenarioResult::id)
        .containsExactly("poller", "capacity", "latency", "fanout", "floor", "netty-floor");
    assertThat(report.scenarios()).allSatisfy(scenario ->
        assertThat(scenario.failures()).as(scenario.id()).isEmpty());
    assertThat(out.resolve("report.json")).isNotEmptyFile();
    assertThat(Files.readString(out.resolve("report.html"))).contains("<svg");
    assertThat(console.toString(StandardCharsets.UTF_8)).contains("ALL SCENARIOS PASSED");
  }
}
