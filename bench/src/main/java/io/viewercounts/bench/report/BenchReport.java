package io.viewercounts.bench.report;

import java.time.Instant;
import java.util.List;

/**
 * A whole benchmark run: where it ran, how it was started, and each scenario's result.
 *
 * @param started when the run began
 * @param seconds how long the whole run took
 * @param command the command line that reproduces it
 * @param target what was measured, e.g. "standalone started by the bench (ws://127.0.0.1:41234/ws)"
 * @param machine the machine it ran on
 * @param scenarios the results, in the order they ran
 */
public record BenchReport(
    Instant started,
    double seconds,
    String command,
    String target,
    Machine machine,
    List<ScenarioResult> scenarios) {

  public boolean passed() {
    return scenarios.stream().allMatch(ScenarioResult::passed);
  }
}
