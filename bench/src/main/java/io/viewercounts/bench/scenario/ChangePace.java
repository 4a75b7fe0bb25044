package io.viewercounts.bench.scenario;

import io.viewercounts.bench.Options;
import java.util.concurrent.TimeUnit;

/**
 * When the fan-out scenarios make their next change: one every {@code --fanout-interval-ms}
 * (default 500), or as soon as the last one arrived everywhere if that took longer.
 *
 * <p>In production a stream's count changes at most once a poll (5 s by default), so every message
 * finds its connection quiet for longer than TCP's retransmission timeout (some 200 ms): the timer
 * the last write armed has fired, and the write arms it anew. Changes made back to back would give
 * a fast server's connections (the floors', a change to 19,000 in some 130 ms) timers still
 * pending and a slower one's (a node's, 230 ms from COMMIT) expired ones: the kernel's share of a
 * message would differ with the server's speed, not with what it does. 0 makes them back to back.
 */
final class ChangePace {

  private final long intervalNanos;
  private long next;

  private ChangePace(long intervalNanos) {
    this.intervalNanos = intervalNanos;
    this.next = System.nanoTime();
  }

  static ChangePace of(Options options) {
    return new ChangePace(
        TimeUnit.MILLISECONDS.toNanos(options.number("fanout-interval-ms", 500, 0)));
  }

  long intervalMillis() {
    return TimeUnit.NANOSECONDS.toMillis(intervalNanos);
  }

  /** Waits until the next change is due. */
  void awaitTurn() throws InterruptedException {
    long wait = next - System.nanoTime();
    if (wait > 0) {
      TimeUnit.NANOSECONDS.sleep(wait);
    }
    next = System.nanoTime() + intervalNanos;
  }
}
