package io.viewercounts.broadcaster.feed;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Out of service until the feed has read the topic up to the end offsets it found at start, so a
 * node joins the load balancer only with a complete snapshot; down if the feed failed.
 */
public final class FeedHealthIndicator implements HealthIndicator {

  private final ViewerCountFeed feed;

  public FeedHealthIndicator(ViewerCountFeed feed) {
    this.feed = feed;
  }

  @Override
  public Health health() {
    Health.Builder health =
        switch (feed.phase()) {
          case FOLLOWING -> Health.up();
          case WAITING_FOR_TOPIC, LOADING -> Health.outOfService();
          case FAILED -> Health.down(feed.failure());
          case STOPPED -> Health.down();
        };
    return health.withDetail("topic", feed.topic()).withDetail("phase", feed.phase()).build();
  }
}
