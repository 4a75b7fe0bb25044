package io.viewercounts.broadcaster.ws;

import java.util.function.LongSupplier;

/** Allows bursts of up to {@code capacity} actions, refilled at {@code perSecond}. Thread-safe. */
final class TokenBucket {

  private static final double NANOS_PER_SECOND = 1_000_000_000d;

  private final double capacity;
  private final double perNano;
  private final LongSupplier nanoClock;
  private double tokens;
  private long refilledAt;

  TokenBucket(double perSecond, int capacity, LongSupplier nanoClock) {
    this.capacity = capacity;
    this.perNano = perSecond / NANOS_PER_SECOND;
    this.nanoClock = nanoClock;
    this.tokens = capacity;
    this.refilledAt = nanoClock.getAsLong();
  }

  synchronized boolean tryTake() {
    long now = nanoClock.getAsLong();
    tokens = Math.min(capacity, tokens + (now - refilledAt) * perNano);
    refilledAt = now;
    if (tokens < 1) {
      return false;
    }
    tokens -= 1;
    return true;
  }
}
