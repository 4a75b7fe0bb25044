package io.viewercounts.poller;

import io.viewercounts.poller.poll.PollStatus;
import java.time.Clock;
import java.time.Duration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Shows the poller as {@code poller} in actuator health: UP while a cycle has succeeded within the
 * last three intervals, or, on a standby poller (another one holds the leader lock), while it has
 * checked the lock within the last three intervals: a standby is healthy and ready to take over.
 * OUT_OF_SERVICE until the first cycle completes, DOWN otherwise; UNKNOWN (which never lowers the
 * overall status) when polling is disabled. The {@code active} detail says which role it plays.
 */
class PollerHealthIndicator implements HealthIndicator {

  // One or two failed cycles in a row are noise; three intervals without a success are an outage.
  static final int MISSED_INTERVALS_BEFORE_DOWN = 3;

  private final PollStatus status;
  private final PollerProperties properties;
  private final Clock clock;

  PollerHealthIndicator(PollStatus status, PollerProperties properties, Clock clock) {
    this.status = status;
    this.properties = properties;
    this.clock = clock;
  }

  @Override
  public Health health() {
    if (!properties.enabled()) {
      return Health.unknown().withDetail("enabled", false).build();
    }
    PollStatus.Snapshot snapshot = status.snapshot();
    Duration maxAge = properties.interval().multipliedBy(MISSED_INTERVALS_BEFORE_DOWN);
    boolean working =
        snapshot.active()
            ? snapshot.succeededWithin(maxAge, clock.instant())
            : snapshot.stoodByWithin(maxAge, clock.instant());
    Health.Builder health =
        working
            ? Health.up()
            : snapshot.anyCycleCompleted() ? Health.down() : Health.outOfService();
    health.withDetail("active", snapshot.active());
    health.withDetail("streams", snapshot.streamsSeen());
    health.withDetail("consecutiveFailures", snapshot.consecutiveFailures());
    if (snapshot.lastSuccessAt() != null) {
      health.withDetail("lastSuccessAt", snapshot.lastSuccessAt().toString());
    }
    if (snapshot.lastFailureAt() != null) {
      health.withDetail("lastFailureAt", snapshot.lastFailureAt().toString());
      health.withDetail("lastFailureKind", snapshot.lastFailureKind());
      health.withDetail("lastFailureMessage", String.valueOf(snapshot.lastFailureMessage()));
    }
    return health.build();
  }
}
