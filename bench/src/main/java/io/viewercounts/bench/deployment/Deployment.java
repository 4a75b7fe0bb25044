package io.viewercounts.bench.deployment;

import java.time.Duration;

/**
 * What the benchmark drives: anything that speaks the contract. Only the WebSocket address and
 * the database are needed; the rest widens what can be measured.
 *
 * @param host the broadcaster's (or load balancer's) host
 * @param port its HTTP port, serving {@code /ws}
 * @param management its management port's readiness and metrics, or null when not reachable
 * @param nodePid the broadcaster's process id on this machine, or 0 when unknown (then no heap,
 *     RSS or CPU figures)
 * @param database where the writer commits count changes straight into {@code streams}
 * @param kafkaBootstrapServers for extra broadcaster nodes, or null (then no several-node run)
 * @param simulatorUrl the Livepeer simulator the poller polls ({@code http://host:port/api}), with
 *     its control API, or null (then no poller-to-browser run)
 * @param pollInterval the poller's interval, reported beside the poller-to-browser latency
 */
public record Deployment(
    String host,
    int port,
    Management management,
    long nodePid,
    Database database,
    String kafkaBootstrapServers,
    String simulatorUrl,
    Duration pollInterval) {

  /**
   * @param url JDBC URL of the database holding {@code streams}
   * @param user its user
   * @param password its password, may be empty
   */
  public record Database(String url, String user, String password) {}

  public String describe() {
    return "ws://" + host + ":" + port + "/ws, database " + database.url();
  }
}
