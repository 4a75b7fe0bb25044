package io.viewercounts.broadcaster.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.viewercounts.broadcaster.fanout.Hub;
import org.junit.jupiter.api.Test;

class ProtocolMetricsTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final Connections connections =
      new Connections(
          new Hub(new SimpleMeterRegistry()),
          new Connections.Limits(2, 10, 20, 40),
          System::nanoTime);

  @Test
  void refusalsAndServerClosesAreCountedAtZeroBeforeTheFirstOne() {
    new ProtocolMetrics(registry, connections);

    assertThat(count("viewercounts.broadcaster.errors", "kind", "too_many_connections")).isZero();
    assertThat(count("viewercounts.broadcaster.errors", "kind", "rate_limited")).isZero();
    assertThat(count("viewercounts.broadcaster.errors", "kind", "binary_message")).isZero();
    assertThat(count("viewercounts.broadcaster.closes", "reason", "slow_client")).isZero();
    assertThat(count("viewercounts.broadcaster.closes", "reason", "ping_timeout")).isZero();
  }

  @Test
  void eachRefusalAndCloseAddsOneToItsOwnSeries() {
    ProtocolMetrics metrics = new ProtocolMetrics(registry, connections);

    metrics.violation("bad_request");
    metrics.closed("slow_client");
    metrics.closed("slow_client");

    assertThat(count("viewercounts.broadcaster.errors", "kind", "bad_request")).isEqualTo(1);
    assertThat(count("viewercounts.broadcaster.errors", "kind", "rate_limited")).isZero();
    assertThat(count("viewercounts.broadcaster.closes", "reason", "slow_client")).isEqualTo(2);
  }

  private double count(String name, String tag, String value) {
    return registry.get(name).tag(tag, value).counter().count();
  }
}
