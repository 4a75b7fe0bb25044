package io.viewercounts.cdc.capture;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/**
 * Waits, a bounded time at start-up, for a Kafka broker to answer, so that a wrong address or a
 * broker that is down fails start-up with a message instead of an engine retrying in silence.
 */
public final class KafkaStartupCheck {

  private final Map<String, Object> adminConfig;
  private final Duration timeout;

  /**
   * @param adminConfig from {@link CaptureConfig#startupCheck}
   */
  public KafkaStartupCheck(Map<String, Object> adminConfig, Duration timeout) {
    this.adminConfig = Map.copyOf(adminConfig);
    this.timeout = timeout;
  }

  /**
   * @throws IllegalStateException when no broker answered within the timeout, saying what to check
   */
  public void verify() {
    Admin admin = Admin.create(adminConfig);
    try {
      admin
          .describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()))
          .nodes()
          .get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw unreachable(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unreachable(e);
    } finally {
      admin.close(Duration.ZERO);
    }
  }

  private IllegalStateException unreachable(Exception cause) {
    return new IllegalStateException(
        "Kafka is unreachable at "
            + CaptureConfig.bootstrapServers(adminConfig)
            + ": no broker answered within "
            + timeout.toMillis()
            + " ms. Check spring.kafka.bootstrap-servers (KAFKA_BOOTSTRAP_SERVERS), the client"
            + " security settings (spring.kafka.security.protocol, spring.kafka.ssl.*,"
            + " spring.kafka.properties.*) and that the brokers run; the capture does not start"
            + " without Kafka.",
        cause);
  }
}
