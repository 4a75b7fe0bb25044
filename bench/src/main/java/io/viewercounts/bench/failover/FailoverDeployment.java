package io.viewercounts.bench.failover;

import io.viewercounts.bench.deployment.AppJars;
import io.viewercounts.bench.deployment.KafkaCluster;
import io.viewercounts.bench.deployment.PostgresServer;
import io.viewercounts.bench.deployment.ServiceProcess;
import io.viewercounts.bench.deployment.StandaloneLauncher;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The production shape, on this machine: PostgreSQL, a KRaft cluster, the fake Livepeer, two
 * pollers, two cdc and two broadcasters, each a process of its own, configured by arguments as an
 * operator would (docs/configuration.md), and one balancer in front of the broadcasters.
 */
final class FailoverDeployment implements AutoCloseable {

  /** Generous: six JVMs, three brokers and PostgreSQL share two cores while they start. */
  static final Duration READY_TIMEOUT = Duration.ofSeconds(300);

  private final List<AutoCloseable> started = new ArrayList<>(); // closed in reverse
  private final Path workDir;
  private PostgresServer postgres;
  private KafkaCluster kafka;
  private FakeLivepeer livepeer;
  private final List<ServiceProcess> pollers = new ArrayList<>();
  private final List<ServiceProcess> cdcs = new ArrayList<>();
  private final List<ServiceProcess> broadcasters = new ArrayList<>();
  private final List<Integer> broadcasterPorts = new ArrayList<>(); // where each serves /ws
  private TcpBalancer balancer;

  private FailoverDeployment(Path workDir) {
    this.workDir = workDir;
  }

  /**
   * Starts everything in dependency order (the cdc needs the poller's tables); two of a kind start
   * together, and the broadcasters with the cdc, whose topics they wait for.
   */
  static FailoverDeployment start(
      int brokers, Optional<Duration> brokerSession, int streams, Duration pollInterval,
      AppJars jars, Path workDir)
      throws IOException, InterruptedException {
    FailoverDeployment deployment = new FailoverDeployment(workDir);
    try {
      deployment.postgres = deployment.keep(PostgresServer.start(workDir));
      // The brokers start while the pollers do: only the cdc needs both.
      deployment.kafka = deployment.keep(KafkaCluster.launch(brokers, brokerSession, workDir));
      deployment.livepeer = deployment.keep(FakeLivepeer.start(streams));
      deployment.launchPair(deployment.pollers, "poller", jars.poller(), "-Xmx256m",
          (i, port) -> deployment.pollerSettings(port, pollInterval));
      awaitReady(deployment.pollers);
      deployment.kafka.awaitServing();
      // The broadcasters start with the cdc: they wait for its topics by themselves.
      deployment.launchPair(deployment.cdcs, "cdc", jars.cdc(), "-Xmx384m",
          deployment::cdcSettings);
      deployment.launchPair(deployment.broadcasters, "broadcaster", jars.broadcaster(),
          "-Xmx256m", (i, port) -> deployment.broadcasterSettings(port));
      awaitReady(deployment.cdcs);
      awaitReady(deployment.broadcasters);
      deployment.balancer = deployment.keep(TcpBalancer.start(deployment.broadcasterPorts));
      return deployment;
    } catch (IOException | InterruptedException | RuntimeException e) {
      deployment.close();
      throw e;
    }
  }

  PostgresServer postgres() {
    return postgres;
  }

  KafkaCluster kafka() {
    return kafka;
  }

  FakeLivepeer livepeer() {
    return livepeer;
  }

  List<ServiceProcess> pollers() {
    return pollers;
  }

  List<ServiceProcess> cdcs() {
    return cdcs;
  }

  List<ServiceProcess> broadcasters() {
    return broadcasters;
  }

  List<ServiceProcess> apps() {
    List<ServiceProcess> apps = new ArrayList<>(pollers);
    apps.addAll(cdcs);
    apps.addAll(broadcasters);
    return apps;
  }

  int balancerPort() {
    return balancer.port();
  }

  @Override
  public void close() {
    for (int i = started.size() - 1; i >= 0; i--) {
      try {
        started.get(i).close();
      } catch (Exception e) {
        System.err.println("[failover] could not stop " + started.get(i) + ": " + e);
      }
    }
  }

  private <T extends AutoCloseable> T keep(T part) {
    started.add(part);
    return part;
  }

  /** The arguments of instance {@code i} (1 or 2) of an app, which listens on {@code port}. */
  @FunctionalInterface
  private interface Settings {
    List<String> of(int i, int port);
  }

  private void launchPair(List<ServiceProcess> pair, String app, Path jar, String heap,
      Settings settings) throws IOException {
    for (int i = 1; i <= 2; i++) {
      pair.add(keep(ServiceProcess.launch(app + "-" + i, jar, List.of(heap),
          settings.of(i, ServiceProcess.freePort()), ServiceProcess.freePort(), workDir)));
    }
  }

  private static void awaitReady(List<ServiceProcess> pair)
      throws IOException, InterruptedException {
    for (ServiceProcess process : pair) {
      process.awaitReady(READY_TIMEOUT);
    }
  }

  private List<String> database() {
    return List.of(
        "--spring.datasource.url=" + postgres.jdbcUrl(),
        "--spring.datasource.username=" + PostgresServer.ROLE,
        "--spring.datasource.password=" + PostgresServer.PASSWORD,
        // As the compose file: a few pooled connections per app, not Hikari's 10.
        "--spring.datasource.hikari.maximum-pool-size=4");
  }

  private List<String> pollerSettings(int port, Duration interval) {
    List<String> settings = new ArrayList<>(List.of("--server.port=" + port));
    settings.addAll(database());
    settings.add("--livepeer.api-url=" + livepeer.apiUrl());
    settings.add("--poller.interval=" + interval.toMillis() + "ms");
    return settings;
  }

  private List<String> cdcSettings(int i, int port) {
    List<String> settings = new ArrayList<>(List.of("--server.port=" + port));
    settings.addAll(database());
    settings.add("--kafka.bootstrap-servers=" + kafka.bootstrapServers());
    // One state directory per instance, never shared (docs/configuration.md).
    settings.add("--cdc.topology.state-dir="
        + workDir.resolve("cdc-" + i + "-state").toAbsolutePath());
    // The capture's role (active or standby) is a detail of its health component.
    settings.add("--management.endpoint.health.show-details=always");
    return settings;
  }

  /** A broadcaster's arguments; its port goes behind the balancer. */
  private List<String> broadcasterSettings(int port) {
    broadcasterPorts.add(port);
    List<String> settings = new ArrayList<>(StandaloneLauncher.nodeSettings(port));
    settings.add("--kafka.bootstrap-servers=" + kafka.bootstrapServers());
    return settings;
  }
}
