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
  static final PollerProperties EVERY_5S =
      new PollerProperties(true, Duration.ofSeconds(5), Duration.ofSeconds(10));

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
    status.recordFailure(NOW.minusSeconds(1), "timeout", "GET /stream got no answer within PT10S");

    Health health = health(EVERY_5S);

    assertThat(health.getStatus()).isEqualTo(Status.DOWN);
    assertThat(health.getDetails())
        .containsEntry("lastFailureKind", "timeout")
        .containsEntry("lastFailureMessage", "GET /stream got no answer within PT10S")
        .containsEntry("consecutiveFailures", 1);
  }

  @Test
  void isDownWhenEveryCycleFailedSoFar() {
    status.recordFailure(NOW, "connection", "GET /stream failed: Connection refused");

    assertThat(health(EVERY_5S).getStatus()).isEqualTo(Status.DOWN);
  }

  @Test
  void hasNoOpinionWhenPollingIsDisabled() {
    PollerProperties disabled =
        new PollerProperties(false, Duration.ofSeconds(5), Duration.ofSeconds(10));

    Health health = health(disabled);

    assertThat(health.getStatus()).isEqualTo(Status.UNKNOWN);
    assertThat(health.getDetails()).containsEntry("enabled", false);
  }

  private Health health(PollerProperties properties) {
    return new PollerHealthIndicator(status, properties, Clock.fixed(NOW, ZoneOffset.UTC)).health();
  }
}
