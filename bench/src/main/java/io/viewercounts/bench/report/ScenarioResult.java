package io.viewercounts.bench.report;

import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * What one scenario measured and whether it kept every promise while measuring.
 *
 * @param id short name, also the option that selects it: {@code latency}, {@code fanout},
 *     {@code capacity}, {@code poller}
 * @param title one line for a reader
 * @param parameters what the scenario ran with, in order (e.g. clients=5000)
 * @param figures what it measured, in order
 * @param failures correctness violations (lost updates, versions going backwards, ...): empty when
 *     the run kept every promise; any entry fails the whole benchmark
 * @param latency latencies in microseconds, or null when the scenario measures none
 * @param latencyLabel what the latency spans, e.g. "COMMIT to client"
 * @param deliveredPerSecond messages clients received in each second of the measured part of the
 *     run, empty when not recorded
 * @param notes remarks for the reader (what limited the run, what was skipped and why)
 */
public record ScenarioResult(
    String id,
    String title,
    Map<String, String> parameters,
    List<Figure> figures,
    List<String> failures,
    Histogram latency,
    String latencyLabel,
    List<Long> deliveredPerSecond,
    List<String> notes) {

  public boolean passed() {
    return failures.isEmpty();
  }
}
