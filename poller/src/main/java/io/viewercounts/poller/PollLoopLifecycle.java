package io.viewercounts.poller;

import io.viewercounts.poller.poll.PollLoop;
import org.springframework.context.SmartLifecycle;

/**
 * Starts the poll loop once the context (and Flyway's migration) is ready, and stops it first on
 * shutdown: phase 300 is the highest of the pipeline, so the poller stops writing before capture
 * (200), topology (100) and broadcaster (0) stop.
 */
class PollLoopLifecycle implements SmartLifecycle {

  static final int PHASE = 300;

  private final PollLoop loop;

  PollLoopLifecycle(PollLoop loop) {
    this.loop = loop;
  }

  @Override
  public void start() {
    loop.start();
  }

  @Override
  public void stop() {
    loop.close();
  }

  @Override
  public boolean isRunning() {
    return loop.isRunning();
  }

  @Override
  public int getPhase() {
    return PHASE;
  }
}
