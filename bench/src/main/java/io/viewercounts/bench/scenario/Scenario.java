package io.viewercounts.bench.scenario;

import io.viewercounts.bench.report.ScenarioResult;

/** One measurement the benchmark can run against a deployment, bounded in time and count. */
public interface Scenario {

  /** Short name, as given to {@code --scenarios}. */
  String id();

  ScenarioResult run(BenchContext context) throws Exception;

  /**
   * Whether it measures the deployment the options point at (by default a standalone the bench
   * starts); false for one that starts a deployment of its own.
   */
  default boolean measuresTarget() {
    return true;
  }
}
