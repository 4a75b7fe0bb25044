package io.viewercounts.poller.livepeer;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How a Livepeer request that failed from an outage (see {@link LivepeerException#outage()}) is
 * tried again within the same poll cycle: at most {@code maxAttempts} tries in all, with a wait
 * before each retry drawn at random between 0 and {@code min(maxBackoff, initialBackoff *
 * 2^(retry - 1))} ("full jitter"): the waits grow while the outage lasts, and several pollers or
 * processes that failed at the same moment do not come back at the same moment.
 *
 * @param maxAttempts tries per request, the first one included; 1 never retries
 * @param initialBackoff the longest wait before the first retry
 * @param maxBackoff the longest wait before any retry
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {

  /** One try, no retry. */
  public static final RetryPolicy ONCE = new RetryPolicy(1, Duration.ZERO, Duration.ZERO);

  public RetryPolicy {
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
    }
    if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException(
          "backoff must be 0 <= initial <= max, was " + initialBackoff + " and " + maxBackoff);
    }
  }

  /** The wait before retry number {@code retry} (1 for the first retry), drawn at random. */
  Duration backoff(int retry) {
    return backoff(retry, ThreadLocalRandom.current().nextDouble());
  }

  /** The wait before retry number {@code retry} for a {@code random} draw in [0, 1). */
  Duration backoff(int retry, double random) {
    return Duration.ofNanos((long) (ceiling(retry).toNanos() * random));
  }

  /** The longest wait before retry number {@code retry}: the exponential part, capped. */
  Duration ceiling(int retry) {
    if (retry < 1) {
      throw new IllegalArgumentException("retries count from 1, was " + retry);
    }
    Duration ceiling = initialBackoff;
    for (int doubling = 1; doubling < retry && ceiling.compareTo(maxBackoff) < 0; doubling++) {
      ceiling = ceiling.multipliedBy(2);
    }
    return ceiling.compareTo(maxBackoff) < 0 ? ceiling : maxBackoff;
  }
}
