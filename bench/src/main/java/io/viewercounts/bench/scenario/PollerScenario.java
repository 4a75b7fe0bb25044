package io.viewercounts.bench.scenario;

import io.viewercounts.bench.Options;
import io.viewercounts.bench.clients.ClientFleet;
import io.viewercounts.bench.clients.StreamPlan;
import io.viewercounts.bench.deployment.Deployment;
import io.viewercounts.bench.report.ScenarioResult;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;

/**
 * Poller to browser: the Livepeer simulator changes a stream's count; the time until clients see
 * it, through the poller's next poll, PostgreSQL, capture, topology and broadcaster. A change
 * waits for the next poll, so the poll interval is reported beside it.
 */
public final class PollerScenario implements Scenario {

  /** Above any audience the simulator makes up, so each stream's counts only rise. */
  private static final long FIRST_COUNT = 1_000_000;

  @Override
  public String id() {
    return "poller";
  }

  @Override
  public ScenarioResult run(BenchContext context) throws Exception {
    Options options = context.options();
    Deployment deployment = context.deployment();
    int clients = options.number("poller-clients", 1_000, 1);
    int changes = options.number("poller-changes", 10, 1);
    ResultBuilder result = new ResultBuilder(id(),
        "Poller to browser: a count changes at Livepeer (the simulator) until clients see it")
        .parameter("clients", clients).parameter("changes", changes);
    if (deployment.simulatorUrl() == null) {
      return result.note("skipped: no --simulator given (the URL of a standalone's Livepeer"
          + " simulator that the deployment's poller polls)").build();
    }
    long interval = deployment.pollInterval().toMillis();
    result.parameter("poll interval", interval + " ms");
    SimulatorControl simulator = new SimulatorControl(deployment.simulatorUrl());
    List<String> streams = simulator.liveStreams();
    if (streams.isEmpty()) {
      return result.fail("the simulator lists no live stream").build();
    }
    Histogram toLast = ResultBuilder.microsHistogram();
    Histogram toFirst = ResultBuilder.microsHistogram();
    Map<String, Long> finalCounts = new HashMap<>();
    try (ClientFleet fleet = ClientFleet.start(id(), clients, context.workDir())) {
      int opened = fleet.connect(clients, deployment.host(), List.of(deployment.port()),
          new StreamPlan(streams, 1, 0));
      result.connected(opened, clients);
      SplittableRandom random = new SplittableRandom();
      for (int k = 0; k < changes; k++) {
        // At a random moment of the poll cycle: right after a delivery the next poll is a whole
        // interval away, and changing then would always measure the worst case.
        Thread.sleep(random.nextLong(interval + 1));
        String stream = streams.get(k % streams.size());
        long count = FIRST_COUNT + k;
        long changed = simulator.setViewers(stream, count);
        finalCounts.put(stream, count);
        ClientFleet.Arrival arrival = fleet.await(stream, count, 3 * interval + 30_000);
        if (!arrival.complete() || arrival.last() == 0) {
          result.fail("change " + (k + 1) + " (" + stream + " to " + count + ") reached "
              + arrival.have() + " of " + arrival.subscribed() + " clients");
          continue;
        }
        toLast.recordValue(ResultBuilder.micros(arrival.last() - changed));
        toFirst.recordValue(ResultBuilder.micros(arrival.first() - changed));
      }
      result.failAll(fleet.expect(finalCounts, 60_000).failures());
    }
    return result
        .figure("poll_interval_ms", "poll interval", interval, "ms")
        .percentiles("change_to_first", "Livepeer change to FIRST client", toFirst, null, null)
        .percentiles("change_to_last", "Livepeer change to LAST client", toLast, null, null)
        .latency(toLast, "Livepeer change to last client")
        .note("each change is made at a random moment, so it waits for the next poll between 0 and"
            + " one poll interval (half on average); the rest is the pipeline")
        .build();
  }
}
