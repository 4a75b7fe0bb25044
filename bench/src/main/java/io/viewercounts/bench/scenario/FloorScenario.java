package io.viewercounts.bench.scenario;

import io.viewercounts.bench.Options;
import io.viewercounts.bench.clients.ClientFleet;
import io.viewercounts.bench.clients.StreamPlan;
import io.viewercounts.bench.deployment.ProcessStats;
import io.viewercounts.bench.floor.BareFanoutServer;
import io.viewercounts.bench.floor.FloorServer;
import io.viewercounts.bench.floor.NettyFanoutServer;
import io.viewercounts.bench.report.ScenarioResult;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * A floor under fan-out on this machine: the fan-out scenario's clients and changes, served in the
 * benchmark's own JVM by a {@link FloorServer} that does the least a broadcaster must.
 * {@link #bare()} ({@link BareFanoutServer}: one frame, one write per socket, no framework) is what
 * no broadcaster on the same cores can beat, and the gap to the fan-out scenario is what our stack
 * adds; {@link #netty()} is the same fan-out through Netty, the other candidate for our send path.
 */
public final class FloorScenario implements Scenario {

  private static final String STREAM = "bench-floor";

  private final String id;
  private final String serving;
  private final FloorServer.Starter starter;

  private FloorScenario(String id, String serving, FloorServer.Starter starter) {
    this.id = id;
    this.serving = serving;
    this.starter = starter;
  }

  public static FloorScenario bare() {
    return new FloorScenario("floor", "a bare NIO writer (one frame, one write per socket, no"
        + " framework)", BareFanoutServer::start);
  }

  public static FloorScenario netty() {
    return new FloorScenario("netty-floor", "Netty 4.2 (its WebSocket handshake, epoll, a loop"
        + " per core writing one frame to each of its connections)", NettyFanoutServer::start);
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public ScenarioResult run(BenchContext context) throws Exception {
    Options options = context.options();
    int clients = options.number("fanout-clients", 19_000, 1);
    int changes = options.number("fanout-changes", 100, 1);
    int warmUpChanges = options.number("fanout-warm-up-changes", 10, 0);
    ChangePace pace = ChangePace.of(options);
    ResultBuilder result = new ResultBuilder(id(), "Floor: the fan-out's clients and changes from "
        + serving)
        .parameter("clients", clients).parameter("changes", changes)
        .parameter("ms between changes", pace.intervalMillis());
    Histogram toLast = ResultBuilder.microsHistogram();
    ProcessStats self = ProcessStats.of(ProcessHandle.current().pid());
    try (FloorServer server = starter.start();
        ClientFleet fleet = ClientFleet.start(id(), clients, context.workDir())) {
      int opened = fleet.connect(clients, "127.0.0.1", List.of(server.port()),
          StreamPlan.one(STREAM));
      long[] cpu0 = null;
      long writers0 = 0;
      double idlePercent = 0;
      long measuredFrom = 0;
      int incomplete = 0;
      for (int count = 1; count <= warmUpChanges + changes; count++) {
        if (count == warmUpChanges + 1) {
          idlePercent = CpuClock.idlePercent(CpuClock.of(self));
          cpu0 = self.cpuTicksSplit();
          writers0 = server.writerCpuNanos();
          measuredFrom = System.nanoTime();
        }
        pace.awaitTurn();
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
      double seconds = (System.nanoTime() - measuredFrom) / 1e9;
      double messages = (double) changes * opened;
      long ticks = cpu1[0] - cpu0[0] + cpu1[1] - cpu0[1];
      if (incomplete > 0) {
        result.fail(incomplete + " changes did not reach every client");
      }
      result.percentiles("publish_to_last", "first write to LAST client", toLast, null, null)
          .figure("server_cpu_us_per_message", "server's CPU per message (benchmark JVM)",
              ticks * 1e4 / messages, "us")
          .figure("server_kernel_us_per_message", "of which in the kernel",
              (cpu1[1] - cpu0[1]) * 1e4 / messages, "us")
          .figure("server_above_idle_us_per_message",
              "the same less the benchmark JVM's idle CPU (measured just before)",
              (ticks - idlePercent * seconds) * 1e4 / messages, "us")
          .figure("writers_us_per_message", "its writing threads' CPU per message",
              (server.writerCpuNanos() - writers0) / 1e3 / messages, "us")
          .figure("partial_writes", "writes a socket did not take whole", server.partialWrites(),
              "")
          .latency(toLast, "first write to last client")
          .note("runs in the benchmark's JVM; its CPU figures include the benchmark's own idle"
              + " work, but for the writing threads'");
    }
    return result.build();
  }
}
