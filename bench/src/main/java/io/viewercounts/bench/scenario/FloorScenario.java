package io.viewercounts.bench.scenario;

import io.viewercounts.bench.clients.ClientFleet;
import io.viewercounts.bench.clients.StreamPlan;
import io.viewercounts.bench.deployment.ProcessStats;
import io.viewercounts.bench.floor.BareFanoutServer;
import io.viewercounts.bench.report.ScenarioResult;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * The floor under fan-out on this machine: the fan-out scenario's clients and changes, served by
 * {@link BareFanoutServer} (one frame, one write per socket, no framework) in the benchmark's own
 * JVM. Whatever this takes, no broadcaster on the same cores can beat; the gap to the fan-out
 * scenario is what our stack adds.
 */
public final class FloorScenario implements Scenario {

  private static final String STREAM = "bench-floor";

  @Override
  public String id() {
    return "floor";
  }

  @Override
  public ScenarioResult run(BenchContext context) throws Exception {
    int clients = context.options().number("fanout-clients", 19_000, 1);
    int changes = context.options().number("fanout-changes", 100, 1);
    int warmUpChanges = context.options().number("fanout-warm-up-changes", 10, 0);
    ResultBuilder result = new ResultBuilder(id(), "Floor: the fan-out's clients and changes from a"
        + " bare NIO writer (one frame, one write per socket, no framework)")
        .parameter("clients", clients).parameter("changes", changes);
    Histogram toLast = ResultBuilder.microsHistogram();
    ProcessStats self = ProcessStats.of(ProcessHandle.current().pid());
    try (BareFanoutServer server = BareFanoutServer.start();
        ClientFleet fleet = ClientFleet.start(id(), clients, context.workDir())) {
      int opened = fleet.connect(clients, "127.0.0.1", List.of(server.port()),
          StreamPlan.one(STREAM));
      long[] cpu0 = null;
      int incomplete = 0;
      for (int count = 1; count <= warmUpChanges + changes; count++) {
        if (count == warmUpChanges + 1) {
          cpu0 = self.cpuTicksSplit();
        }
        long published = System.nanoTime();
        server.publish(STREAM, count);
        ClientFleet.Arrival arrival = fleet.await(STREAM, count, 30_000);
        if (!arrival.complete()) {
          incomplete++;
        }
        if (count > warmUpChanges && arrival.last() != 0) {
          toLast.recordValue(TimeUnit.NANOSECONDS.toMicros(arrival.last() - published));
        }
      }
      long[] cpu1 = self.cpuTicksSplit();
      double messages = (double) changes * opened;
      if (incomplete > 0) {
        result.fail(incomplete + " changes did not reach every client");
      }
      result.percentiles("publish_to_last", "first write to LAST client", toLast, null, null)
          .figure("server_cpu_us_per_message", "server's CPU per message (benchmark JVM)",
              (cpu1[0] - cpu0[0] + cpu1[1] - cpu0[1]) * 1e4 / messages, "us")
          .figure("server_kernel_us_per_message", "of which in the kernel",
              (cpu1[1] - cpu0[1]) * 1e4 / messages, "us")
          .figure("partial_writes", "writes a socket did not take whole", server.partialWrites(),
              "")
          .latency(toLast, "first write to last client")
          .note("runs in the benchmark's JVM; its CPU figures include the benchmark's own idle"
              + " work");
    }
    return result.build();
  }
}
