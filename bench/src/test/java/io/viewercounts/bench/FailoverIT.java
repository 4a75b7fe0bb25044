package io.viewercounts.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.viewercounts.bench.report.BenchReport;
import io.viewercounts.bench.report.Figure;
import io.viewercounts.bench.report.ScenarioResult;
import java.io.PrintStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The failover scenario sized for the build: two of each app on one broker, the active capture
 * killed and then stopped as a deploy stops it, and a broadcaster killed. Correctness is asserted
 * (every client ends at the final counts, no version backwards, none written twice, no idle slot);
 * the times are printed, not asserted: a loaded CI machine proves nothing about them.
 */
class FailoverIT {

  @Test
  void everyClientEndsAtTheFinalCountsThroughCaptureAndBroadcasterFailures(@TempDir Path out)
      throws Exception {
    String arguments = "--scenarios failover --failover-brokers 1 --failover-events"
        + " sigkill-active-capture,sigterm-active-capture,sigkill-broadcaster"
        + " --failover-clients 10 --failover-streams 10 --failover-warm-up 0s --out " + out;

    BenchReport report = Bench.run(Options.parse(arguments.split(" ")), arguments,
        new PrintStream(System.out, true));

    ScenarioResult failover = report.scenarios().get(0);
    assertThat(failover.failures()).isEmpty();
    assertThat(failover.figures()).extracting(Figure::key).contains(
        "sigkill_active_capture_ms", "sigterm_active_capture_ms", "sigkill_broadcaster_ms",
        "baseline_max_ms");
  }
}
