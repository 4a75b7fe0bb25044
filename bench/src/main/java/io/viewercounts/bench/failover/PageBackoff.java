package io.viewercounts.bench.failover;

import java.util.random.RandomGenerator;

/**
 * The page's reconnect rules (broadcaster's static/viewer-counts.js): after a drop, wait a random
 * time up to 500 ms doubled per attempt, at most 30 s (full jitter); a connection that stayed open
 * 10 s was healthy, so the next drop starts afresh.
 */
final class PageBackoff {

  static final long BASE_MILLIS = 500;
  static final long MAX_MILLIS = 30_000;
  static final long STABLE_AFTER_MILLIS = 10_000;

  private int attempts;

  /**
   * The wait before the next attempt.
   *
   * @param openForMillis how long the connection that dropped had been open, or -1 when the
   *     attempt failed before it opened
   */
  long nextDelayMillis(long openForMillis, RandomGenerator random) {
    attempts = openForMillis >= STABLE_AFTER_MILLIS ? 1 : attempts + 1;
    long ceiling = Math.min(MAX_MILLIS, BASE_MILLIS << Math.min(attempts, 16));
    return (long) (random.nextDouble() * ceiling);
  }
}
