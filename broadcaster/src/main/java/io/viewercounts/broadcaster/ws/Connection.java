package io.viewercounts.broadcaster.ws;

import io.viewercounts.broadcaster.fanout.Subscriber;
import java.util.function.LongSupplier;

/** One open WebSocket connection: its outbox, where it comes from, and when we last heard it. */
final class Connection {

  private final String address;
  private final Subscriber subscriber;
  private final TokenBucket subscribeRate;
  private final LongSupplier nanoClock;
  private volatile long lastHeardNanos;

  Connection(
      String address,
      Subscriber subscriber,
      TokenBucket subscribeRate,
      LongSupplier nanoClock) {
    this.address = address;
    this.subscriber = subscriber;
    this.subscribeRate = subscribeRate;
    this.nanoClock = nanoClock;
    this.lastHeardNanos = nanoClock.getAsLong();
  }

  String address() {
    return address;
  }

  Subscriber subscriber() {
    return subscriber;
  }

  boolean allowSubscribe() {
    return subscribeRate.tryTake();
  }

  /** The client sent a message or a pong: it is alive. */
  void heard() {
    lastHeardNanos = nanoClock.getAsLong();
  }

  long silentForNanos() {
    return nanoClock.getAsLong() - lastHeardNanos;
  }
}
