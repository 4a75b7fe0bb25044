package io.viewercounts.bench;

import io.viewercounts.bench.deployment.AppJars;
import io.viewercounts.bench.failover.FailoverScenario;
import io.viewercounts.bench.report.BenchReport;
import io.viewercounts.bench.report.ReportFiles;
import io.viewercounts.bench.report.ScenarioResult;
import io.viewercounts.bench.scenario.BenchContext;
import io.viewercounts.bench.scenario.CapacityScenario;
import io.viewercounts.bench.scenario.ConnectionsDrained;
import io.viewercounts.bench.scenario.FanoutScenario;
import io.viewercounts.bench.scenario.FloorScenario;
import io.viewercounts.bench.scenario.LatencyScenario;
import io.viewercounts.bench.scenario.PollerScenario;
import io.viewercounts.bench.scenario.Scenario;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The benchmark: runs the scenarios against a deployment that speaks the contract, by default a
 * fresh standalone it starts itself, and writes a console table, report.json and report.html.
 * Every scenario checks correctness while it measures (each client ends with the final value of
 * each of its streams, no version goes backwards); a run that breaks either fails (exit code 1).
 *
 * <pre>
 * --scenarios poller,capacity,latency,fanout,floor,netty-floor,failover
 *                                              which to run, in this order (default: all but
 *                                              failover; floor is the fan-out from a bare NIO
 *                                              writer, the machine's floor under any
 *                                              broadcaster; netty-floor the same through Netty;
 *                                              failover starts its own deployment of separate
 *                                              processes and takes minutes)
 * --preset full|smoke                          smoke: seconds and small numbers, correctness only
 * --runs 1                                     each scenario this many times in a row, so the
 *                                              later runs show the deployment warm (the JIT done)
 * --out DIR                                    report directory (default target/bench-report)
 *
 * latency:  --clients 5000 --streams 500 --streams-per-client 1 --rate 1000 (changes/s)
 *           --seconds 60 --warmup-seconds 15 --writer-threads 4
 * fanout:   --fanout-clients 19000 --fanout-changes 100 --fanout-warm-up-changes 10
 *           --fanout-interval-ms 500 (a change at most this often, here and in the floors: a
 *           connection quiet for longer than TCP's retransmission timeout, as in production)
 *           --fanout-node deployment (or broadcaster: a broadcaster node of its own, its runnable
 *           jar reading the deployment's Kafka, started for each run)
 * capacity: --capacity-connections (default: up to the node's file limit) --nodes 5
 *           --node-connections (per extra node; default: up to its file limit) --node-heap 1g
 *           --node-jvm-options (comma-separated, for every broadcaster node of its own; instead
 *           of the image's collector settings)
 *           --capacity-changes 3
 * poller:   --poller-clients 1000 --poller-changes 10
 * failover: --failover-brokers 3 (or 1) --failover-events (comma list, default all that apply:
 *           sigterm|sigkill-standby-poller, -active-poller, -standby-cdc, -active-capture,
 *           -broadcaster, sigkill-broker (3 brokers), restart-broker, restart-postgres)
 *           --failover-clients 20 --failover-streams 30 --poll-interval (default 1s here)
 *           --failover-broker-session (the brokers' broker.session.timeout.ms; default Kafka's)
 *           --failover-warm-up 60s (the deployment runs this long before the first event)
 *
 * the standalone it starts: --poll-interval 5s --standalone-heap 2g --profile true (a flight
 *           recording of it, summarized at the end) --standalone-jvm-options (comma-separated,
 *           e.g. -XX:+UseParallelGC,-Xshare:auto; instead of the image's collector settings)
 * another deployment: --host 127.0.0.1 --port 8080 --db-url jdbc:postgresql://... --db-user
 *           --db-password, and optionally --management-port (metrics), --node-pid (heap, RSS,
 *           CPU), --kafka HOST:PORT (extra nodes), --simulator http://HOST:PORT/api
 *           (poller scenario) with --poll-interval
 * </pre>
 */
public final class Bench {

  static final String COMMAND = "mvn -B -q -pl bench -am -Pbench -DskipTests verify";
  private static final List<Scenario> SCENARIOS = List.of(
      // Capacity early, while the node's memory has not yet grown for the other scenarios' load.
      new PollerScenario(), new CapacityScenario(), new LatencyScenario(), new FanoutScenario(),
      FloorScenario.bare(), FloorScenario.netty(), new FailoverScenario());
  /** Not failover: it starts a deployment of its own and takes minutes. */
  private static final String DEFAULT_SCENARIOS =
      "poller,capacity,latency,fanout,floor,netty-floor";
  private static final Map<String, String> SMOKE = Map.ofEntries(
      Map.entry("clients", "200"), Map.entry("streams", "20"),
      Map.entry("streams-per-client", "2"), Map.entry("rate", "100"),
      Map.entry("seconds", "5"), Map.entry("warmup-seconds", "1"),
      Map.entry("fanout-clients", "500"), Map.entry("fanout-changes", "10"),
      Map.entry("fanout-interval-ms", "0"),
      Map.entry("capacity-connections", "500"), Map.entry("nodes", "2"),
      Map.entry("node-connections", "300"), Map.entry("node-heap", "256m"),
      Map.entry("poller-clients", "50"), Map.entry("poller-changes", "3"),
      Map.entry("poll-interval", "500ms"));

  /** Every option any part of the benchmark reads. */
  private static final Set<String> KNOWN = Set.of(
      "scenarios", "preset", "out", "runs",
      "clients", "streams", "streams-per-client", "rate", "seconds", "warmup-seconds",
      "writer-threads", "fanout-clients", "fanout-changes", "fanout-warm-up-changes",
      "fanout-interval-ms",
      "fanout-node", "capacity-connections", "nodes",
      "node-connections", "node-heap", "node-jvm-options", "capacity-changes", "poller-clients",
      "poller-changes",
      "poll-interval", "standalone-heap", "standalone-jvm-options", "profile", "host", "port",
      "management-port",
      "db-url", "db-user", "db-password", "node-pid", "kafka", "simulator",
      "failover-brokers", "failover-events", "failover-clients", "failover-streams",
      "failover-broker-session", "failover-warm-up");

  private Bench() {}

  public static void main(String[] args) throws Exception {
    BenchReport report;
    try {
      report = run(Options.parse(args), String.join(" ", args), System.out);
    } catch (IllegalArgumentException e) {
      System.err.println("bench: " + e.getMessage());
      System.exit(2);
      return;
    }
    System.exit(report.passed() ? 0 : 1);
  }

  /** Runs the chosen scenarios and writes the report; the report says whether all passed. */
  public static BenchReport run(Options given, String arguments, PrintStream console)
      throws Exception {
    given.requireKnown(KNOWN);
    Options options = switch (given.text("preset", "full")) {
      case "full" -> given;
      case "smoke" -> given.withDefaults(SMOKE);
      default -> throw new IllegalArgumentException("--preset is full or smoke");
    };
    List<Scenario> chosen = chosen(options.text("scenarios", DEFAULT_SCENARIOS));
    int runs = options.number("runs", 1, 1);
    Path out = Path.of(options.text("out", "target/bench-report"));
    Path workDir = emptyDirectory(out.resolve("work"));
    Instant started = Instant.now();
    long startNanos = System.nanoTime();
    String loadAtStart = MachineFacts.load();
    List<ScenarioResult> results = new ArrayList<>();
    String target;
    boolean shared = chosen.stream().anyMatch(Scenario::measuresTarget);
    try (Target running = shared ? Target.open(options, workDir) : Target.none()) {
      target = running.describe();
      BenchContext context = new BenchContext(running.deployment(), options, workDir,
          AppJars.fromSystemProperties());
      for (Scenario scenario : chosen) {
        for (int run = 1; run <= runs; run++) {
          console.println("[bench] " + scenario.id() + (runs > 1 ? " run " + run : "") + " ...");
          ConnectionsDrained.await(running.deployment());
          results.add(Runs.numbered(Runs.guarded(scenario, context), run, runs));
        }
      }
    }
    BenchReport report = new BenchReport(started, (System.nanoTime() - startNanos) / 1e9,
        COMMAND + (arguments.isBlank() ? "" : " -Dbench.args=\"" + arguments + "\""), target,
        MachineFacts.read(loadAtStart), results);
    ReportFiles.writeAll(report, out, console);
    return report;
  }

  private static List<Scenario> chosen(String names) {
    List<String> wanted = Arrays.asList(names.split(","));
    List<Scenario> chosen = SCENARIOS.stream().filter(s -> wanted.contains(s.id())).toList();
    if (chosen.size() != wanted.size()) {
      throw new IllegalArgumentException(
          "--scenarios takes poller, capacity, latency, fanout, floor, netty-floor and failover,"
              + " not " + names);
    }
    return chosen;
  }

  /** The run's scratch directory, emptied first: a run that failed may have left its data there. */
  private static Path emptyDirectory(Path directory) throws IOException {
    if (Files.exists(directory)) {
      try (Stream<Path> paths = Files.walk(directory)) {
        for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(path);
        }
      }
    }
    return Files.createDirectories(directory);
  }
}
