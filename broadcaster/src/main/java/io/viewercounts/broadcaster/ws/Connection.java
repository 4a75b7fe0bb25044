package io.viewercounts.broadcaster.ws;

import io.viewercounts.broadcaster.fanout.Subscriber;
import java.util.function.LongSupplier;

/** One open WebSocket connection: its outbox, where it comes from, and when we last heard it. */
final class Connection {

  private final String address;
  private final Subscriber subscriber;
  private final TokenBucket subscribeRate;
  private final TextFrames textFrames;
  private final LongSupplier nanoClock;
  private volatile long lastHeardNanos;

  Connection(
      String address,
      Subscriber subscriber,
      TokenBucket subscribeRate,
      TextFrames textFrames,
      LongSupplier nanoClock) {
    this.address = address;
    this.subscriber = subscriber;
    this.subscribeRate = subscribeRate;
    this.textFrames = textFrames;
    this.nanoClock = nanoClock;
    this.lastHeardNanos = nanoClock.getAsLong();
  }

  String address() {
    return address;
  }

  Subscriber subscriber() {
    return subscriber;
  }

  /** Frames arrive on one container thread at a time per connection. */
  TextFrames textFrames() {
    return textFrames;
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
