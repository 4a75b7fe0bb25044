package io.viewercounts.bench.scenario;

import io.viewercounts.bench.Options;
import io.viewercounts.bench.clients.ClientFleet;
import io.viewercounts.bench.clients.StreamPlan;
import io.viewercounts.bench.deployment.Deployment;
import io.viewercounts.bench.deployment.ProcessStats;
import io.viewercounts.bench.deployment.ServiceProcess;
import io.viewercounts.bench.report.Figure.Target;
import io.viewercounts.bench.report.ScenarioResult;
import io.viewercounts.bench.writer.CountWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Capacity: idle connections opened on the deployment's node up to its open-file limit (20,000
 * here) or until it refuses; live heap and RSS per connection. Then more broadcaster nodes on this
 * machine, each filled the same way, and a few changes that every client must get.
 */
public final class CapacityScenario implements Scenario {

  private static final String STREAM = "bench-capacity";
  /**
   * Files a node keeps for itself beyond its sockets, with some slack: a standalone's in-process
   * broker opens checkpoint and segment files as it runs, and shuts down when it cannot ("Too many
   * open files"), which 64 spare files did not always avoid.
   */
  private static final int SPARE_FILES = 256;
  private static final long ARRIVAL_TIMEOUT_MILLIS = 60_000;

  @Override
  public String id() {
    return "capacity";
  }

  @Override
  public ScenarioResult run(BenchContext context) throws Exception {
    Options options = context.options();
    Deployment deployment = context.deployment();
    int nodeCount = options.number("nodes", 5, 1);
    int changes = options.number("capacity-changes", 3, 1);
    String nodeHeap = options.text("node-heap", "1g");
    int perExtraNode = options.number("node-connections", 0, 0); // 0: up to the file limit
    ResultBuilder result = new ResultBuilder(id(),
        "Capacity: idle connections per node up to the open-file limit, memory per connection,"
            + " and several nodes on one machine")
        .parameter("nodes", nodeCount).parameter("file limit per process", ClientFleet.FILE_LIMIT);
    boolean local = deployment.nodePid() != 0 && deployment.management() != null;
    ProcessStats node = local ? ProcessStats.of(deployment.nodePid()) : null;
    int target = options.number("capacity-connections",
        node == null ? 19_000 : ClientFleet.FILE_LIMIT - node.openFiles() - SPARE_FILES, 1);
    result.parameter("connections on the first node", target);
    boolean moreNodes = nodeCount > 1 && deployment.kafkaBootstrapServers() != null;
    if (nodeCount > 1 && !moreNodes) {
      result.note("one node only: no --kafka given for the extra broadcaster nodes to read from");
    }
    List<ServiceProcess> extraNodes = new ArrayList<>();
    try (CountWriter writer = new CountWriter(deployment.database());
        ClientFleet fleet = ClientFleet.start(id(),
            target + (moreNodes ? (nodeCount - 1) * ClientFleet.FILE_LIMIT : 0),
            context.workDir())) {
      StreamsKnown.create(writer, deployment, List.of(STREAM));
      int total = fillFirstNode(deployment, node, target, fleet, result);
      for (int i = 2; moreNodes && i <= nodeCount; i++) {
        int port = ServiceProcess.freePort();
        ServiceProcess extra = BroadcasterNodes.start("node-" + i, port, context, nodeHeap);
        extraNodes.add(extra);
        int room = perExtraNode > 0 ? perExtraNode
            : ClientFleet.FILE_LIMIT - extra.stats().openFiles() - SPARE_FILES;
        total += fleet.connect(room, deployment.host(), List.of(port), StreamPlan.one(STREAM));
      }
      // The bar: 100,000 connections over five nodes on this one machine.
      result.figure("connections_all_nodes", "connections over " + (moreNodes ? nodeCount : 1)
          + " node(s)", total, "connections", nodeCount >= 5 ? Target.atLeast(100_000) : null);
      changeForEveryone(writer, fleet, changes, result);
      result.figure("load_client_processes", "load-client processes", fleet.workers(), "");
    } finally {
      for (ServiceProcess extra : extraNodes) {
        extra.close();
      }
    }
    return result.build();
  }

  /**
   * Opens {@code target} connections to the deployment's node; weighs them when the node is on
   * this machine. Returns how many opened.
   */
  private static int fillFirstNode(Deployment deployment, ProcessStats node, int target,
      ClientFleet fleet, ResultBuilder result) throws Exception {
    long heapBefore = node == null ? 0 : node.liveHeapBytes(deployment.management());
    long rssBefore = node == null ? 0 : node.rssBytes();
    long started = System.nanoTime();
    int opened = fleet.connect(target, deployment.host(), List.of(deployment.port()),
        StreamPlan.one(STREAM));
    double seconds = (System.nanoTime() - started) / 1e9;
    result.figure("connections_first_node", "connections the first node took", opened,
            "connections")
        .figure("connect_rate", "connections opened a second", opened / seconds, "conn/s");
    if (opened < target) {
      result.note((target - opened) + " of " + target + " connections refused or timed out");
    }
    Thread.sleep(2_000); // let the last handshakes settle before weighing
    if (node != null) {
      long heap = node.liveHeapBytes(deployment.management()) - heapBefore;
      long rss = node.rssBytes() - rssBefore;
      result.figure("heap_per_connection", "live heap per connection", heap / (double) opened,
              "bytes", Target.under(16 * 1024))
          .figure("rss_per_connection", "RSS growth per connection", rss / (double) opened,
              "bytes", Target.under(16 * 1024))
          .figure("rss_total_mib", "node RSS with all its connections",
              node.rssBytes() / 1048576.0, "MiB");
    }
    return opened;
  }

  /** Commits {@code changes} changes one by one; every client of every node must get each. */
  private static void changeForEveryone(CountWriter writer, ClientFleet fleet, int changes,
      ResultBuilder result) throws Exception {
    Histogram toLast = ResultBuilder.microsHistogram();
    for (int count = 1; count <= changes; count++) {
      long committed = writer.commit(STREAM, count);
      ClientFleet.Arrival arrival = fleet.await(STREAM, count, ARRIVAL_TIMEOUT_MILLIS);
      if (!arrival.complete()) {
        result.fail("change " + count + " reached " + arrival.have() + " of "
            + arrival.subscribed() + " clients");
      } else {
        toLast.recordValue(ResultBuilder.micros(arrival.last() - committed));
      }
    }
    ClientFleet.Verdict verdict = fleet.expect(Map.of(STREAM, (long) changes), 60_000);
    result.failAll(verdict.failures())
        .figure("clients_with_every_change", "clients that got every change", verdict.holding(),
            "")
        .percentiles("commit_to_last", "COMMIT to last of all clients", toLast, null, null);
  }
}
