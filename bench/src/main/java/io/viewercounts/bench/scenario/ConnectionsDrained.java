package io.viewercounts.bench.scenario;

import io.viewercounts.bench.deployment.Deployment;
import java.io.IOException;
import java.time.Duration;

/**
 * Before a run: waits until the node holds no WebSocket connection of an earlier run. Clients
 * that just left are still being closed for a second or two, and their sockets hold files that
 * the next run's clients would be refused for at the node's open-file limit.
 */
public final class ConnectionsDrained {

  private static final String CONNECTIONS = "viewercounts_broadcaster_connections";
  private static final Duration LIMIT = Duration.ofSeconds(60);
  private static final long POLL_MILLIS = 250;

  private ConnectionsDrained() {}

  /** Returns at once for a deployment whose metrics are not reachable. */
  public static void await(Deployment deployment) throws InterruptedException {
    if (deployment == null || deployment.management() == null) {
      return;
    }
    long deadline = System.nanoTime() + LIMIT.toNanos();
    try {
      while (deployment.management().metric(CONNECTIONS) > 0 && System.nanoTime() < deadline) {
        Thread.sleep(POLL_MILLIS);
      }
    } catch (IOException unreachable) {
      // the run that follows reports what it can reach
    }
  }
}
