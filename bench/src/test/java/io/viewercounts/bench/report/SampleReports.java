package io.viewercounts.bench.report;

import io.viewercounts.bench.report.Figure.Target;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/** Reports as a run would hand them over, with numbers simple enough to check by hand. */
final class SampleReports {

  static final Instant STARTED = Instant.parse("2026-05-01T14:03:00Z");
  static final String LOST_UPDATES = "stream s-17: 3 updates never reached client 412";

  private SampleReports() {}

  static BenchReport of(ScenarioResult... scenarios) {
    return new BenchReport(STARTED, 93.5, "mvn -B -q -pl bench -am -Pbench verify",
        "standalone started by the bench (ws://127.0.0.1:41234/ws)",
        new Machine("AMD EPYC 7B13", 2, 8L * 1024 * 1024 * 1024, "Linux 6.1.0",
            "Eclipse Adoptium 17.0.12", "0.52 0.40 0.33 1/200 1234", "1.80 0.90 0.50 2/210 2345"),
        List.of(scenarios));
  }

  /** 1 ms, 2 ms, ... 100 ms, once each: p50 is 50 ms, p99 is 99 ms. */
  static Histogram oneToHundredMillis() {
    Histogram micros = new Histogram(60_000_000L, 3);
    for (int millis = 1; millis <= 100; millis++) {
      micros.recordValue(millis * 1000L);
    }
    return micros;
  }

  /** Passed, with a latency histogram: one target met, one missed. */
  static ScenarioResult latency() {
    return new ScenarioResult("latency", "COMMIT to client latency", parameters("clients", "5000"),
        List.of(
            new Figure("commit_to_client_p50_ms", "COMMIT to client, p50", 50, "ms",
                Target.under(100)),
            new Figure("commit_to_client_p99_ms", "COMMIT to client, p99", 99, "ms",
                Target.under(20)),
            Figure.of("updates", "updates sent", 12_000, "")),
        List.of(), oneToHundredMillis(), "COMMIT to client", List.of(),
        List.of("the writer was the limit"));
  }

  /** Failed, with messages delivered per second and no histogram. */
  static ScenarioResult fanout() {
    return new ScenarioResult("fanout", "Fan-out to many clients", parameters("clients", "20000"),
        List.of(new Figure("delivered_per_second", "delivered", 41_250, "msg/s",
            Target.atLeast(20_000))),
        List.of(LOST_UPDATES), null, null, List.of(40_000L, 42_000L, 41_000L, 42_000L),
        List.of());
  }

  /** Passed, with figures only. */
  static ScenarioResult figuresOnly(String label) {
    return new ScenarioResult("capacity", "Connections one node holds", parameters("nodes", "1"),
        List.of(new Figure("connections", label, 30_000, "connections", Target.atLeast(10_000))),
        List.of(), null, null, List.of(), List.of());
  }

  private static Map<String, String> parameters(String name, String value) {
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put(name, value);
    parameters.put("seconds", "60");
    return parameters;
  }
}
