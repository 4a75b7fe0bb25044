package io.viewercounts.cdc;

import org.springframework.context.SmartLifecycle;

/** Starts and stops one long-running part in its phase of the context's start-up and shutdown. */
final class ManagedLifecycle implements SmartLifecycle {

  private final int phase;
  private final Runnable start;
  private final Runnable stop;
  private volatile boolean running;

  ManagedLifecycle(int phase, Runnable start, Runnable stop) {
    this.phase = phase;
    this.start = start;
    this.stop = stop;
  }

  @Override
  public void start() {
    start.run();
    running = true;
  }

  @Override
  public void stop() {
    running = false;
    stop.run();
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    return phase;
  }
}
