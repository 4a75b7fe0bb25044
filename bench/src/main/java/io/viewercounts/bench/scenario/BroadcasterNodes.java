package io.viewercounts.bench.scenario;

import io.viewercounts.bench.deployment.Deployment;
import io.viewercounts.bench.deployment.ImageCollector;
import io.viewercounts.bench.deployment.ServiceProcess;
import io.viewercounts.bench.deployment.StandaloneLauncher;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Broadcaster nodes of their own, as production runs them: the broadcaster's runnable jar as a
 * process, reading the deployment's Kafka, with nothing of the pipeline beside it.
 */
final class BroadcasterNodes {

  private BroadcasterNodes() {}

  /** Starts one on {@code port} and waits until it is ready. */
  static ServiceProcess start(String name, int port, BenchContext context, String heap)
      throws IOException, InterruptedException {
    List<String> settings = new ArrayList<>(StandaloneLauncher.nodeSettings(port));
    settings.add("--kafka.bootstrap-servers=" + context.deployment().kafkaBootstrapServers());
    List<String> jvm = new ArrayList<>(List.of("-Xmx" + heap));
    jvm.addAll(context.options().list("node-jvm-options", ImageCollector.settings()));
    return ServiceProcess.start(name, context.jars().broadcaster(), jvm, settings,
        ServiceProcess.freePort(), context.workDir());
  }

  /** The deployment as its clients see it through {@code node}: the node's address and process. */
  static Deployment through(Deployment deployment, ServiceProcess node, int port) {
    return new Deployment(deployment.host(), port, node.management(), node.pid(),
        deployment.database(), deployment.kafkaBootstrapServers(), deployment.simulatorUrl(),
        deployment.pollInterval());
  }
}
