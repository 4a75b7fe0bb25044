package io.viewercounts.poller;

import io.viewercounts.poller.leader.LeaderLock;
import io.viewercounts.poller.poll.PollLoop;
import org.springframework.context.SmartLifecycle;

/**
 * Starts the poll loop once the context (and Flyway's migration) is ready, and stops it first on
 * shutdown: phase 300 is the highest of the pipeline, so the poller stops writing before capture
 * (200), topology (100) and broadcaster (0) stop. Stopping ends the loop first, then the leader
 * lock's session, so a standby poller takes over only once this one no longer writes. A stopped
 * poller is not started again (its lock is closed for good).
 */
class PollLoopLifecycle implements SmartLifecycle {

  static final int PHASE = 300;

  private final PollLoop loop;
  private final LeaderLock lock;

  PollLoopLifecycle(PollLoop loop, LeaderLock lock) {
    this.loop = loop;
    this.lock = lock;
  }

  @Override
  public void start() {
    loop.start();
  }

  @Override
  public void stop() {
    loop.close();
    lock.close();
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
