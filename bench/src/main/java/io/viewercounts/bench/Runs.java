package io.viewercounts.bench;

import io.viewercounts.bench.report.ScenarioResult;
import io.viewercounts.bench.scenario.BenchContext;
import io.viewercounts.bench.scenario.Scenario;
import java.util.List;
import java.util.Map;

/** Runs one scenario so that its crash fails it loudly without stopping the others. */
final class Runs {

  private Runs() {}

  static ScenarioResult guarded(Scenario scenario, BenchContext context) {
    try {
      return scenario.run(context);
    } catch (Exception | AssertionError e) {
      e.printStackTrace();
      return new ScenarioResult(scenario.id(), scenario.id(), Map.of(), List.of(),
          List.of("the scenario could not finish: " + e), null, null, List.of(), List.of());
    }
  }

  /** The result's title names its run when a scenario runs more than once: the first is cold. */
  static ScenarioResult numbered(ScenarioResult result, int run, int runs) {
    if (runs == 1) {
      return result;
    }
    String which = " (run " + run + " of " + runs + (run == 1 ? ", cold)" : ", warm)");
    return new ScenarioResult(result.id(), result.title() + which, result.parameters(),
        result.figures(), result.failures(), result.latency(), result.latencyLabel(),
        result.deliveredPerSecond(), result.notes());
  }
}
