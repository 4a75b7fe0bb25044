package io.viewercounts.bench.scenario;

import io.viewercounts.bench.Options;
import io.viewercounts.bench.clients.ClientFleet;
import io.viewercounts.bench.clients.StreamPlan;
import io.viewercounts.bench.deployment.Deployment;
import io.viewercounts.bench.deployment.ServiceProcess;
import io.viewercounts.bench.report.Figure.Target;
import io.viewercounts.bench.report.ScenarioResult;
import io.viewercounts.bench.writer.CountWriter;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Fan-out: N clients on one stream, K changes, one at a time and at most one an interval ({@link
 * ChangePace}); for each, the time from its COMMIT until the last client has it (and the first).
 */
public final class FanoutScenario implements Scenario {

  private static final String STREAM = "bench-fanout";
  private static final long ARRIVAL_TIMEOUT_MILLIS = 30_000;

  @Override
  public String id() {
    return "fanout";
  }

  @Override
  public ScenarioResult run(BenchContext context) throws Exception {
    String node = context.options().text("fanout-node", "deployment");
    switch (node) {
      case "deployment" -> {
        return run(context, context.deployment(), node);
      }
      case "broadcaster" -> {
        // Its own process, as production runs it: the node's CPU is the fan-out's alone.
        int port = ServiceProcess.freePort();
        try (ServiceProcess broadcaster = BroadcasterNodes.start("fanout-node", port, context,
            context.options().text("node-heap", "1g"))) {
          return run(context, BroadcasterNodes.through(context.deployment(), broadcaster, port),
              node);
        }
      }
      default -> throw new IllegalArgumentException(
          "--fanout-node is deployment or broadcaster, not " + node);
    }
  }

  private ScenarioResult run(BenchContext context, Deployment deployment, String node)
      throws Exception {
    Options options = context.options();
    int clients = options.number("fanout-clients", 19_000, 1);
    int changes = options.number("fanout-changes", 100, 1);
    int warmUpChanges = options.number("fanout-warm-up-changes", 10, 0);
    ChangePace pace = ChangePace.of(options);
    ResultBuilder result = new ResultBuilder(id(),
        "Fan-out: one stream, every client subscribed; COMMIT until the last client has the change")
        .parameter("clients", clients).parameter("changes", changes)
        .parameter("warm-up changes", warmUpChanges).parameter("node", node)
        .parameter("ms between changes", pace.intervalMillis());
    Histogram toLast = ResultBuilder.microsHistogram();
    Histogram toFirst = ResultBuilder.microsHistogram();
    try (CountWriter writer = new CountWriter(deployment.database());
        ClientFleet fleet = ClientFleet.start(id(), clients, context.workDir())) {
      StreamsKnown.create(writer, deployment, List.of(STREAM));
      int opened = fleet.connect(clients, deployment.host(), List.of(deployment.port()),
          StreamPlan.one(STREAM));
      result.connected(opened, clients);
      result.failAll(fleet.expect(Map.of(STREAM, 0L), 60_000).failures());
      CpuClock nodeCpu = null;
      CpuClock nodeKernel = null;
      CpuClock clientCpu = null;
      StageCpu stageCpu = null;
      double idlePercent = -1;
      int incomplete = 0;
      for (int count = 1; count <= warmUpChanges + changes; count++) {
        if (count == warmUpChanges + 1) {
          idlePercent = CpuClock.idlePercent(CpuClock.ofNode(deployment));
          nodeCpu = CpuClock.ofNode(deployment);
          nodeKernel = CpuClock.ofNodeKernel(deployment);
          clientCpu = CpuClock.of(fleet);
          stageCpu = StageCpu.ofNode(deployment);
        }
        pace.awaitTurn();
        long committed = writer.commit(STREAM, count);
        ClientFleet.Arrival arrival = fleet.await(STREAM, count, ARRIVAL_TIMEOUT_MILLIS);
        if (!arrival.complete()) {
          incomplete++;
        }
        if (count > warmUpChanges && arrival.last() != 0) {
          toLast.recordValue(ResultBuilder.micros(arrival.last() - committed));
          toFirst.recordValue(ResultBuilder.micros(arrival.first() - committed));
        }
      }
      long nodeTicks = nodeCpu == null ? -1 : nodeCpu.ticks();
      double busyPercent = nodeCpu == null ? -1 : nodeCpu.percentOfOneCore();
      long kernelTicks = nodeKernel == null ? -1 : nodeKernel.ticks();
      Map<String, Long> stageTicks = stageCpu == null ? Map.of() : stageCpu.ticksByStage();
      double clientPercent = clientCpu.percentOfOneCore();
      if (incomplete > 0) {
        result.fail(incomplete + " changes had not reached every client within "
            + ARRIVAL_TIMEOUT_MILLIS / 1000 + " s");
      }
      ClientFleet.Verdict verdict =
          fleet.expect(Map.of(STREAM, (long) warmUpChanges + changes), 60_000);
      result.failAll(verdict.failures());
      result.percentiles("commit_to_last", "COMMIT to LAST client", toLast, null, Target.under(100))
          .percentiles("commit_to_first", "COMMIT to FIRST client", toFirst, null, null)
          .figure("clients", "clients connected", opened, "");
      if (nodeTicks >= 0) {
        double messages = (double) changes * opened;
        result.figure("node_cpu_us_per_message", "deployment's CPU per delivered message",
                nodeTicks * 1e4 / messages, "us")
            .figure("node_kernel_us_per_message", "of which in the kernel (socket writes)",
                kernelTicks * 1e4 / messages, "us")
            .figure("node_above_idle_us_per_message",
                "the same less the node's idle CPU (measured just before)",
                nodeTicks * 1e4 * (1 - idlePercent / busyPercent) / messages, "us");
        // By stage: the delivery threads are feed and fan-out (which write) and web I/O (Jetty's).
        stageTicks.forEach((stage, ticks) -> result.figure("node_" + stage + "_us_per_message",
            "  in " + stage.replace('_', ' ') + " threads", ticks * 1e4 / messages, "us"));
      }
      result.figure("client_cpu_percent", "load clients' CPU (% of one core)", clientPercent, "%")
          .latency(toLast, "COMMIT to last client");
    }
    return result.build();
  }
}
