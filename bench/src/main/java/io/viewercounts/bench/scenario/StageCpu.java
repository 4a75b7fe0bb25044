package io.viewercounts.bench.scenario;

import io.viewercounts.bench.deployment.Deployment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU a standalone's threads used, by pipeline stage: every thread's user and system time from
 * {@code /proc/PID/task}, grouped by its name (the kernel keeps the first 15 characters of the
 * Java name). Threads that ended between two readings lose what they used; the stages' sum is
 * therefore at most the process's total, which the scenario reports beside it.
 */
final class StageCpu {

  /** A stage and the thread names that make it, first match wins. */
  private record Stage(String name, List<String> prefixes) {}

  private static final List<Stage> STAGES = List.of(
      // "pool-": the Debezium engine's own executors (it polls its change queue on pool-N-thread-1),
      // the standalone's only threads left unnamed.
      new Stage("capture", List.of("cdc-capture", "debezium", "KafkaBasedLog", "cdc-slot",
          "PostgreSQL-JDBC", "pool-")),
      new Stage("topology", List.of("viewercount-top", "cdc-topology")),
      // The producers' and consumers' own threads: the capture's and the topology's.
      new Stage("kafka_clients", List.of("kafka-producer-", "kafka-admin-cli", "kafka-coordinat")),
      new Stage("broker", List.of("data-plane-kafk", "kafka-", "broker-", "controller-",
          "quorum-control", "raft-", "group-coordina", "share-", "ExpirationReape",
          "TxnMarkerSender", "executor-", "LogDirFailure", "persister-", "PersisterState",
          "transaction-lo", "AddPartitionsTo", "client-metrics", "SensorExpiry", "rocksdb")),
      new Stage("feed_and_fanout", List.of("broadcaster-fee", "broadcaster-his", "fanout-")),
      new Stage("web_io", List.of("qtp", "http-nio", "ws-heartbeat", "idle-timeout")),
      // The JVM's own: compiling (a cold start's first minute) apart from collecting.
      new Stage("jit", List.of("C1 Compiler", "C2 Compiler")),
      new Stage("gc_and_vm", List.of("GC Thread", "G1 ", "VM Thread", "VM Periodic")));
  private static final String OTHER = "other";

  private final long pid;
  private final Map<Long, Long> ticksAtStart;
  private final long startNanos;

  private StageCpu(long pid) throws IOException {
    this.pid = pid;
    this.ticksAtStart = ticksByThread(pid, new HashMap<>());
    this.startNanos = System.nanoTime();
  }

  /** Null when the deployment's node is not a process on this machine, as for its CPU clock. */
  static StageCpu ofNode(Deployment deployment) throws IOException {
    return deployment.nodePid() == 0 ? null : new StageCpu(deployment.nodePid());
  }

  /** Percent of one core each stage used since the start, in the order of {@link #STAGES}. */
  Map<String, Double> percentOfOneCore() throws IOException {
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    Map<String, Double> percent = new LinkedHashMap<>();
    ticksByStage().forEach((stage, ticks) -> percent.put(stage, ticks / seconds));
    return percent;
  }

  /** Clock ticks (1/100 s) each stage used since the start, in the order of {@link #STAGES}. */
  Map<String, Long> ticksByStage() throws IOException {
    Map<Long, String> names = new HashMap<>();
    Map<Long, Long> now = ticksByThread(pid, names);
    Map<String, Long> used = new LinkedHashMap<>();
    STAGES.forEach(stage -> used.put(stage.name(), 0L));
    used.put(OTHER, 0L);
    now.forEach((thread, ticks) -> used.merge(
        stageOf(names.get(thread)), ticks - ticksAtStart.getOrDefault(thread, 0L), Long::sum));
    return used;
  }

  static String stageOf(String threadName) {
    return STAGES.stream()
        .filter(stage -> stage.prefixes().stream().anyMatch(threadName::startsWith))
        .map(Stage::name)
        .findFirst()
        .orElse(OTHER);
  }

  /** User plus system ticks of each live thread; fills {@code names} with their names. */
  private static Map<Long, Long> ticksByThread(long pid, Map<Long, String> names)
      throws IOException {
    Map<Long, Long> ticks = new HashMap<>();
    try (Stream<Path> threads = Files.list(Path.of("/proc", String.valueOf(pid), "task"))) {
      for (Path thread : threads.toList()) {
        String stat;
        try {
          stat = Files.readString(thread.resolve("stat"));
        } catch (IOException ended) {
          continue;
        }
        int open = stat.indexOf('(');
        int close = stat.lastIndexOf(')');
        String[] fields = stat.substring(close + 2).split(" ");
        long tid = Long.parseLong(thread.getFileName().toString());
        ticks.put(tid, Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
        names.put(tid, stat.substring(open + 1, close));
      }
    }
    return ticks;
  }
}
