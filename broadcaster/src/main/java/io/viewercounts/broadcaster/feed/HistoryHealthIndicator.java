package io.viewercounts.broadcaster.feed;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Shows where the stream histories' feed is without ever taking the node out of service: counts
 * do not need histories. A failed feed reports UNKNOWN (which the overall status ranks below UP)
 * with its failure.
 */
public final class HistoryHealthIndicator implements HealthIndicator {

  private final MinuteStatsFeed feed;

  public HistoryHealthIndicator(MinuteStatsFeed feed) {
    this.feed = feed;
  }

  @Override
  public Health health() {
    Health.Builder health =
        feed.phase() == TopicFeed.Phase.FAILED ? Health.unknown().withException(feed.failure())
            : Health.up();
    return health.withDetail("topic", feed.topic()).withDetail("phase", feed.phase()).build();
  }
}
