package io.viewercounts.bench.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class FailoverEventTest {

  @Test
  void readsACommaListOfIds() {
    assertThat(FailoverEvent.parse("sigkill-active-capture,sigterm-broadcaster", 1))
        .containsExactly(FailoverEvent.SIGKILL_ACTIVE_CAPTURE, FailoverEvent.SIGTERM_BROADCASTER);
  }

  @Test
  void refusesAnUnknownId() {
    assertThatThrownBy(() -> FailoverEvent.parse("sigkill-everything", 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sigkill-everything");
  }

  @Test
  void refusesKillingOneBrokerOfOne() {
    assertThatThrownBy(() -> FailoverEvent.parse("sigkill-broker", 1))
        .hasMessageContaining("--failover-brokers 3");
  }

  @Test
  void refusesRestartingABrokerOfThreeNoneKilledBefore() {
    assertThatThrownBy(() -> FailoverEvent.parse("restart-broker,sigkill-broker", 3))
        .hasMessageContaining("sigkill-broker killed before it");
  }

  @Test
  void runsEverythingButKillingOneBrokerOfOne() {
    assertThat(FailoverEvent.all(1)).doesNotContain(FailoverEvent.SIGKILL_BROKER)
        .contains(FailoverEvent.RESTART_BROKER);
    assertThat(FailoverEvent.all(3)).containsExactly(FailoverEvent.values());
  }

  @Test
  void givesAPollerDeployOnePollIntervalAndASecond() {
    Duration interval = Duration.ofMillis(500);

    assertThat(FailoverEvent.SIGTERM_ACTIVE_POLLER.target(interval, 3).bound()).isEqualTo(1_500);
    assertThat(FailoverEvent.SIGTERM_ACTIVE_CAPTURE.target(interval, 3).bound()).isEqualTo(2_000);
    assertThat(FailoverEvent.SIGKILL_BROADCASTER.target(interval, 3).bound()).isEqualTo(8_000);
    assertThat(FailoverEvent.RESTART_BROKER.target(interval, 1).bound()).isEqualTo(15_000);
    assertThat(FailoverEvent.RESTART_BROKER.target(interval, 3)).isNull();
  }
}
