package io.viewercounts.cdc;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Starts and stops one long-running part in its phase of the context's start-up and shutdown. The
 * parts of one phase stop side by side, each on a thread of its own: the capture and the topology
 * each hand their work to another instance as they stop, and neither should wait for the other.
 */
final class ManagedLifecycle implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(ManagedLifecycle.class);

  private final String name;
  private final int phase;
  private final Runnable start;
  private final Runnable stop;
  private volatile boolean running;

  ManagedLifecycle(String name, int phase, Runnable start, Runnable stop) {
    this.name = name;
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

  /** Stops on a thread of its own; the context waits for every part of the phase to call back. */
  @Override
  public void stop(Runnable callback) {
    Thread stopping =
        new Thread(
            () -> {
              try {
                stop();
              } catch (RuntimeException e) {
                log.error("Stopping the {} failed", name, e);
              } finally {
                callback.run();
              }
            },
            "stop-" + name);
    stopping.start();
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
