package io.viewercounts.broadcaster.feed;

import org.springframework.context.SmartLifecycle;

/**
 * Runs a feed with the application. Phase 0: it starts before, and stops after, the parts of the
 * pipeline that write to Kafka (the web server, which closes the WebSocket connections, stops even
 * earlier).
 */
public final class FeedLifecycle implements SmartLifecycle {

  public static final int PHASE = 0;

  private final TopicFeed feed;
  private volatile boolean running;

  public FeedLifecycle(TopicFeed feed) {
    this.feed = feed;
  }

  @Override
  public void start() {
    feed.start();
    running = true;
  }

  @Override
  public void stop() {
    feed.close();
    running = false;
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    return PHASE;
  }
}
