package io.viewercounts.bench.deployment;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts a fresh standalone (embedded PostgreSQL, in-process Kafka, Livepeer simulator, poller,
 * cdc, broadcaster) from its runnable jar, on free ports the benchmark chooses so it knows every
 * address. The simulator's audiences stay still unless the benchmark moves them.
 */
public final class StandaloneLauncher {

  /** The benchmark's clients come from a few loopback addresses, thousands each. */
  private static final int CONNECTIONS_PER_ADDRESS = 25_000;

  private StandaloneLauncher() {}

  /**
   * @param jvmOptions extra options for its JVM (heap, a flight recording)
   * @param pollInterval the poller's interval
   */
  public static Launched start(
      Path jar, List<String> jvmOptions, Duration pollInterval, Path workDir)
      throws IOException, InterruptedException {
    int port = ServiceProcess.freePort();
    int postgresPort = ServiceProcess.freePort();
    int kafkaPort = ServiceProcess.freePort();
    int simulatorPort = ServiceProcess.freePort();
    List<String> settings = new ArrayList<>(nodeSettings(port));
    settings.addAll(List.of(
        "--standalone.postgres-port=" + postgresPort,
        "--standalone.kafka-port=" + kafkaPort,
        "--standalone.simulator.port=" + simulatorPort,
        "--standalone.simulator.drift=false",
        "--poller.interval=" + pollInterval.toMillis() + "ms",
        // The bench's own streams are rows it writes, not streams the simulator lists: by
        // default the poller would end them (count 0) three polls after their creation, in the
        // middle of a run that takes longer.
        "--poller.unlisted-stream-confirmations=1000"));
    int managementPort = ServiceProcess.freePort();
    ServiceProcess process =
        ServiceProcess.start("standalone", jar, jvmOptions, settings, managementPort, workDir);
    Deployment deployment = new Deployment(
        "127.0.0.1",
        port,
        process.management(),
        process.pid(),
        new Deployment.Database(
            "jdbc:postgresql://127.0.0.1:" + postgresPort + "/postgres", "postgres", ""),
        "127.0.0.1:" + kafkaPort,
        "http://127.0.0.1:" + simulatorPort + "/api",
        pollInterval);
    return new Launched(process, deployment);
  }

  /** Settings every broadcaster the benchmark starts gets: its port, and room for its clients. */
  public static List<String> nodeSettings(int port) {
    return List.of(
        "--server.port=" + port,
        "--broadcaster.max-connections-per-address=" + CONNECTIONS_PER_ADDRESS,
        "--logging.level.org.apache.kafka=WARN");
  }

  /** The running standalone and how to reach it. */
  public record Launched(ServiceProcess process, Deployment deployment) {}
}
