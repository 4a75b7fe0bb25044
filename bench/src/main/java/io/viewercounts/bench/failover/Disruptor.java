package io.viewercounts.bench.failover;

import io.viewercounts.bench.deployment.KafkaCluster;
import io.viewercounts.bench.deployment.ServiceProcess;
import java.io.IOException;
import java.time.Duration;

/**
 * Does each {@link FailoverEvent} to the deployment, and afterwards puts back what it took away,
 * as a restart policy would: a killed or stopped app is started again with the same arguments.
 */
final class Disruptor {

  /** What compose gives an app to stop (stop_grace_period) before it kills it. */
  private static final Duration STOP_GRACE = Duration.ofSeconds(20);

  /** What an event did: to what, from when its time counts, and how to put it back. */
  record Strike(String target, long fromNanos, Healing healing) {}

  @FunctionalInterface
  interface Healing {
    void heal() throws IOException, InterruptedException;
  }

  private final FailoverDeployment deployment;
  private int brokerDown; // the node id of a broker killed and not yet restarted, or 0

  Disruptor(FailoverDeployment deployment) {
    this.deployment = deployment;
  }

  Strike strike(FailoverEvent event) throws IOException, InterruptedException {
    return switch (event) {
      case SIGTERM_STANDBY_POLLER, SIGKILL_STANDBY_POLLER ->
          signal(Roles.standbyPoller(deployment.pollers()), event);
      case SIGTERM_ACTIVE_POLLER, SIGKILL_ACTIVE_POLLER ->
          signal(Roles.activePoller(deployment.pollers()), event);
      case SIGTERM_STANDBY_CDC, SIGKILL_STANDBY_CDC ->
          signal(Roles.standbyCdc(deployment.cdcs()), event);
      case SIGTERM_ACTIVE_CAPTURE, SIGKILL_ACTIVE_CAPTURE ->
          signal(Roles.activeCapture(deployment.cdcs()), event);
      // Each client went to either broadcaster in turn: either holds about half of them.
      case SIGTERM_BROADCASTER, SIGKILL_BROADCASTER ->
          signal(deployment.broadcasters().get(event.sigterm() ? 1 : 0), event);
      case SIGKILL_BROKER -> killBroker();
      case RESTART_BROKER -> restartBroker();
      case RESTART_POSTGRES -> restartPostgres();
    };
  }

  /** Restarts a broker still down, so the final checks see the whole cluster. */
  void healAll() throws IOException, InterruptedException {
    if (brokerDown != 0) {
      deployment.kafka().restartAndAwaitServing(brokerDown);
      brokerDown = 0;
    }
  }

  /** The node id of a broker killed and not yet restarted, or 0. */
  int brokerDown() {
    return brokerDown;
  }

  private Strike signal(ServiceProcess app, FailoverEvent event) throws InterruptedException {
    long from = System.nanoTime();
    if (event.sigterm()) {
      app.terminate();
    } else {
      app.kill();
    }
    return new Strike(app.name() + ", pid " + app.pid(), from, () -> {
      app.awaitExit(STOP_GRACE);
      app.restart();
      app.awaitReady(FailoverDeployment.READY_TIMEOUT);
    });
  }

  private Strike killBroker() throws InterruptedException {
    KafkaCluster kafka = deployment.kafka();
    int leader = kafka.leaderOfMostPartitions();
    ServiceProcess node = kafka.node(leader);
    long from = System.nanoTime();
    node.kill();
    brokerDown = leader;
    return new Strike(node.name() + ", leading most partitions", from, () -> {});
  }

  private Strike restartBroker() throws IOException, InterruptedException {
    KafkaCluster kafka = deployment.kafka();
    int id = brokerDown;
    if (id == 0) {
      id = 1; // the one broker
      kafka.node(id).kill();
    }
    long serving = kafka.restartAndAwaitServing(id);
    brokerDown = 0;
    return new Strike(kafka.node(id).name(), serving, () -> {});
  }

  private Strike restartPostgres() throws IOException, InterruptedException {
    deployment.postgres().stopFast();
    long accepting = deployment.postgres().startServer();
    return new Strike("PostgreSQL, fast shutdown and start", accepting, () -> {});
  }
}
