package io.viewercounts.broadcaster.fanout;

import java.util.List;

/**
 * One subscribed stream of one connection: what the hub holds and delivers to, so that handing a
 * frame to a subscriber needs no lookup of the stream among its subscriptions. Its fields are
 * guarded by the subscriber's lock.
 */
final class Subscription {

  private static final long NOTHING_QUEUED = Long.MIN_VALUE;

  private final Subscriber subscriber;
  private long lastVersion = NOTHING_QUEUED;
  private long lastHistoryRevision = NOTHING_QUEUED;
  private boolean wantsHistory;
  private boolean active = true;

  Subscription(Subscriber subscriber) {
    this.subscriber = subscriber;
  }

  void deliver(Frame frame) {
    subscriber.deliver(this, frame);
  }

  /** Queues the frame for the batch's flush; adds the subscriber to {@code held} if it is new there. */
  void hold(Frame frame, List<Subscriber> held) {
    if (subscriber.hold(this, frame)) {
      held.add(subscriber);
    }
  }

  void deliverHistory(StreamHistory history) {
    subscriber.deliverHistory(this, history);
  }

  /** The client asked for the stream's recent minutes: it gets them now and as minutes close. */
  void wantHistory() {
    wantsHistory = true;
  }

  /**
   * Whether the client wants histories and this one is newer than the last queued for this stream,
   * which it then becomes. False once cancelled.
   */
  boolean takeHistory(StreamHistory history) {
    if (!active || !wantsHistory || history.revision() <= lastHistoryRevision) {
      return false;
    }
    lastHistoryRevision = history.revision();
    return true;
  }

  /**
   * Whether the frame is above the highest version queued for this stream so far, which it then
   * becomes: a client never sees a version go backwards. False once cancelled.
   */
  boolean takeVersion(Frame frame) {
    if (!active || frame.version() <= lastVersion) {
      return false;
    }
    lastVersion = frame.version();
    return true;
  }

  /** A publish may still hold this subscription in its snapshot: it must then deliver nothing. */
  void cancel() {
    active = false;
  }
}
