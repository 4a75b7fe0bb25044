package io.viewercounts.poller.poll;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a cycle again and again on one thread, waiting {@code interval} after each cycle ends (fixed
 * delay): cycles never overlap, and a slow cycle pushes the next one back rather than piling up
 * calls to Livepeer. When Livepeer answers 429 with a longer Retry-After, the loop waits that long
 * instead (at most {@link #MAX_RETRY_AFTER}).
 */
public final class PollLoop implements AutoCloseable {

  /** One poll; it handles its own failures, so it only throws when interrupted. */
  @FunctionalInterface
  public interface Cycle {
    CycleResult run() throws InterruptedException;
  }

  /** A Retry-After beyond this is not followed: polling resumes after this at the latest. */
  static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(5);

  // Stopping interrupts a running cycle (its HTTP call ends at once); a statement stuck in the
  // database may not notice, and shutdown must not wait for it.
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

  private static final Logger log = LoggerFactory.getLogger(PollLoop.class);

  private final Cycle cycle;
  private final Duration interval;
  private ScheduledExecutorService executor;

  public PollLoop(Cycle cycle, Duration interval) {
    this.cycle = Objects.requireNonNull(cycle, "cycle");
    this.interval = Objects.requireNonNull(interval, "interval");
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("interval must be positive, was " + interval);
    }
  }

  /** Starts polling now; does nothing if already running. */
  public synchronized void start() {
    if (executor != null) {
      return;
    }
    executor =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "viewercounts-poller");
              thread.setDaemon(true);
              return thread;
            });
    schedule(executor, Duration.ZERO);
    log.info("Polling Livepeer every {}", interval);
  }

  public synchronized boolean isRunning() {
    return executor != null;
  }

  /** Stops polling, interrupting a running cycle, and waits a few seconds for it to end. */
  @Override
  public synchronized void close() {
    if (executor == null) {
      return;
    }
    ScheduledExecutorService stopping = executor;
    executor = null;
    stopping.shutdownNow();
    try {
      if (!stopping.awaitTermination(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn("Poll cycle still running {} after stop; leaving it behind", STOP_TIMEOUT);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    log.info("Polling stopped");
  }

  /** The wait before the next cycle: the interval, or a longer Retry-After within bounds. */
  static Duration nextDelay(Duration interval, CycleResult result) {
    Duration asked = result.retryAfter() == null ? interval : result.retryAfter();
    Duration bounded = asked.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : asked;
    return bounded.compareTo(interval) > 0 ? bounded : interval;
  }

  private void runOnce(ScheduledExecutorService executor) {
    Duration delay = interval;
    try {
      delay = nextDelay(interval, cycle.run());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    } catch (RuntimeException e) {
      // A cycle handles its own failures; should one slip through, the loop must go on.
      log.error("Poll cycle threw", e);
    }
    schedule(executor, delay);
  }

  private void schedule(ScheduledExecutorService executor, Duration delay) {
    try {
      executor.schedule(() -> runOnce(executor), delay.toNanos(), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      // Stopped meanwhile: nothing more to run.
    }
  }
}
