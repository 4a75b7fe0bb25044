package io.viewercounts.bench.scenario;

import io.viewercounts.bench.Options;
import io.viewercounts.bench.clients.ClientFleet;
import io.viewercounts.bench.clients.StreamPlan;
import io.viewercounts.bench.deployment.Deployment;
import io.viewercounts.bench.report.Figure.Target;
import io.viewercounts.bench.report.ScenarioResult;
import io.viewercounts.bench.writer.CountWriter;
import io.viewercounts.bench.writer.SteadyWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * End-to-end latency: C clients over S streams while a writer commits U count changes a second
 * straight into PostgreSQL; for each change, the time from its COMMIT returning to each subscribed
 * client receiving it, through capture, topology and broadcaster.
 */
public final class LatencyScenario implements Scenario {

  private static final String PREFIX = "bench-latency-";

  @Override
  public String id() {
    return "latency";
  }

  @Override
  public ScenarioResult run(BenchContext context) throws Exception {
    Options options = context.options();
    Deployment deployment = context.deployment();
    int clients = options.number("clients", 5_000, 1);
    int streams = options.number("streams", 500, 1);
    int each = options.number("streams-per-client", 1, 1);
    int rate = options.number("rate", 1_000, 1);
    int seconds = options.number("seconds", 60, 1);
    int warmUp = options.number("warmup-seconds", 15, 0);
    int writerThreads = options.number("writer-threads", 4, 1);
    ResultBuilder result = new ResultBuilder(id(), "End-to-end latency: COMMIT in PostgreSQL to"
        + " every subscribed WebSocket client")
        .parameter("clients", clients).parameter("streams", streams)
        .parameter("streams per client", each).parameter("changes/s", rate)
        .parameter("seconds", seconds).parameter("warm-up seconds", warmUp);

    StreamPlan plan = StreamPlan.range(PREFIX, streams, each, 0);
    try (CountWriter setup = new CountWriter(deployment.database())) {
      StreamsKnown.create(setup, deployment, plan.streams());
    }
    int[] subscribers = subscribersPerStream(plan, clients);
    try (ClientFleet fleet = ClientFleet.start(id(), clients, context.workDir())) {
      int opened = fleet.connect(clients, deployment.host(), List.of(deployment.port()), plan);
      result.connected(opened, clients);
      result.failAll(fleet.expect(zeroes(plan), 60_000).failures()); // every snapshot arrived
      fleet.reset();

      SteadyWriter writer = new SteadyWriter(deployment.database(), plan.streams(), writerThreads,
          (int) ((long) rate * (seconds + warmUp) + 1_000));
      MeasuredCpu cpu = MeasuredCpu.after(warmUp, fleet, deployment);
      long start = System.nanoTime();
      long measuredFrom = start + TimeUnit.SECONDS.toNanos(warmUp);
      int committed = writer.run(rate, warmUp + seconds);
      double elapsed = (System.nanoTime() - start) / 1e9;
      double clientCpuPercent = cpu.clientsPercent();
      Double nodeCpuPercent = cpu.nodePercent();
      Map<String, Double> stagePercents = cpu.stagePercents();
      ClientFleet.Verdict verdict = fleet.expect(writer.finalCounts(), 60_000);
      result.failAll(verdict.failures());
      ReceiptAnalysis analysis = ReceiptAnalysis.of(
          fleet.drainReceipts(id()), writer::commitNanos, start, measuredFrom);

      long expected = 0;
      for (int n = 1; n <= committed; n++) {
        if (writer.commitNanos(n) >= measuredFrom) {
          expected += subscribers[writer.streamOf(n)];
        }
      }
      result.figure("committed_per_second", "changes committed a second", committed / elapsed,
              "changes/s")
          .percentiles("commit_to_client", "COMMIT to client", analysis.latencyMicros,
              Target.under(30), Target.under(100))
          .figure("commit_to_client_p999_ms", "COMMIT to client, p99.9",
              analysis.latencyMicros.getValueAtPercentile(99.9) / 1000.0, "ms")
          .figure("deliveries_measured", "deliveries measured", analysis.measured, "")
          .figure("deliveries_skipped", "deliveries skipped (a newer value replaced them)",
              Math.max(0, expected - analysis.measured), "")
          .figure("delivered_per_second", "messages delivered a second (measured part)",
              analysis.measured / (elapsed - warmUp), "msg/s")
          .figure("client_cpu_percent", "load clients' CPU (% of one core)",
              clientCpuPercent, "%");
      if (nodeCpuPercent != null) {
        result.figure("node_cpu_percent", "deployment's CPU (% of one core)", nodeCpuPercent, "%");
      }
      // Its threads by stage, so the next bottleneck shows; PostgreSQL runs as processes of its own.
      stagePercents.forEach((stage, percent) -> result.figure("node_cpu_" + stage + "_percent",
          "deployment's CPU in " + stage.replace('_', ' ') + " threads (% of one core)", percent,
          "%"));
      result.figure("repeated_versions", "repeated versions (dropped by clients)",
          verdict.repeats(), "");
      result.latency(analysis.latencyMicros, "COMMIT to client")
          .deliveredPerSecond(analysis.perSecond)
          .note(String.format("worst COMMIT to client of the changes of each %d s, in order: %s ms",
              ReceiptAnalysis.WINDOW_SECONDS, analysis.worstMicrosPerWindow.stream()
                  .map(micros -> String.format("%,d", micros / 1000))
                  .collect(Collectors.joining(", "))));
      if (committed / elapsed < rate * 0.95) {
        result.note(String.format("the writer committed %.0f changes/s of the %d asked for",
            committed / elapsed, rate));
      }
    }
    return result.build();
  }

  /** How many of the first {@code clients} clients subscribe to each stream of the plan. */
  static int[] subscribersPerStream(StreamPlan plan, int clients) {
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < plan.streams().size(); i++) {
      index.put(plan.streams().get(i), i);
    }
    int[] subscribers = new int[plan.streams().size()];
    for (int client = 0; client < clients; client++) {
      for (String stream : plan.streamsOf(client)) {
        subscribers[index.get(stream)]++;
      }
    }
    return subscribers;
  }

  private static Map<String, Long> zeroes(StreamPlan plan) {
    Map<String, Long> zeroes = new HashMap<>();
    plan.streams().forEach(stream -> zeroes.put(stream, 0L));
    return zeroes;
  }
}
