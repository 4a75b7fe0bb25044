package io.viewercounts.poller;

import static org.assertj.core.api.Assertions.assertThat;

import io.viewercounts.poller.poll.PollStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

class PollerHealthIndicatorTest {

  static final Instant NOW = Instant.parse("2026-11-25T17:00:00Z");
  static final PollerProperties EVERY_5S = properties(true);

  PollStatus status = new PollStatus();

  @Test
  void isOutOfServiceBeforeTheFirstCycle() {
    assertThat(health(EVERY_5S).getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
  }

  @Test
  void isUpAfterARecentSuccess() {
    status.recordSuccess(NOW.minusSeconds(15), 4);

    Health health = health(EVERY_5S);

    assertThat(health.getStatus()).isEqualTo(Status.UP);
    assertThat(health.getDetails())
        .containsEntry("lastSuccessAt", "2026-11-25T16:59:45Z")
        .containsEntry("streams", 4);
  }

  @Test
  void isDownWhenNoCycleSucceededForThreeIntervals() {
    status.recordSuccess(NOW.minusSeconds(16), 4);
    status.recordFailure(
        NOW.minusSeconds(1), "timeout", "GET /stream got no answer within PT10S", true);

    Health health = health(EVERY_5S);

    assertThat(health.getStatus()).isEqualTo(Status.DOWN);
    assertThat(health.getDetails())
        .containsEntry("lastFailureKind", "timeout")
        .containsEntry("lastFailureMessage", "GET /stream got no answer within PT10S")
        .containsEntry("consecutiveFailures", 1);
  }

  @Test
  void isDownWhenEveryCycleFailedSoFar() {
    status.recordFailure(NOW, "connection", "GET /stream failed: Connection refused", true);

    assertThat(health(EVERY_5S).getStatus()).isEqualTo(Status.DOWN);
  }

  @Test
  void hasNoOpinionWhenPollingIsDisabled() {
    Health health = health(properties(false));

    assertThat(health.getStatus()).isEqualTo(Status.UNKNOWN);
    assertThat(health.getDetails()).containsEntry("enabled", false);
  }

  @Test
  void aStandbyPollerIsUpAndSaysItIsNotActive() {
    status.recordStandby(NOW.minusSeconds(4));

    Health health = health(EVERY_5S);

    assertThat(health.getStatus()).isEqualTo(Status.UP);
    assertThat(health.getDetails()).containsEntry("active", false);
  }

  @Test
  void anActivePollerSaysSo() {
    status.recordSuccess(NOW.minusSeconds(1), 4);

    assertThat(health(EVERY_5S).getDetails()).containsEntry("active", true);
  }

  @Test
  void aPollerThatLostItsLockIsUpOnceItStandsBy() {
    status.recordSuccess(NOW.minusSeconds(30), 4);
    status.recordStandby(NOW.minusSeconds(1));

    assertThat(health(EVERY_5S).getStatus()).isEqualTo(Status.UP);
  }

  @Test
  void aStandbyPollerThatCannotReachTheDatabaseGoesDown() {
    status.recordStandby(NOW.minusSeconds(16));
    status.recordFailure(NOW.minusSeconds(1), "database", "leader lock: Connection refused", false);

    Health health = health(EVERY_5S);

    assertThat(health.getStatus()).isEqualTo(Status.DOWN);
    assertThat(health.getDetails()).containsEntry("lastFailureKind", "database");
  }

  private static PollerProperties properties(boolean enabled) {
    return new PollerProperties(enabled, Duration.ofSeconds(5), Duration.ofSeconds(10), 1L, 3, 3);
  }

  private Health health(PollerProperties properties) {
    return new PollerHealthIndicator(status, properties, Clock.fixed(NOW, ZoneOffset.UTC)).health();
  }
}
