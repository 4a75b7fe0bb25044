package io.viewercounts.broadcaster.fanout;

import java.net.SocketTimeoutException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One client connection's subscriptions and outbox.
 *
 * <p>The outbox holds, in the order they are sent: control frames ({@code subscribed}, {@code
 * error}) in a small bounded queue, then at most one pending ping, then at most one unsent {@code
 * viewer_count} frame per subscribed stream, then at most one unsent {@code history} frame per
 * stream whose history the client asked for. A newer frame of a stream replaces an unsent older
 * one of its kind (conflation), so memory stays bounded by the number of subscriptions whatever
 * the update rate, and a slow client skips intermediate values but always gets the latest.
 *
 * <p>Each subscribed stream (a {@link Subscription}, which is what the hub delivers to) remembers
 * the highest version queued, and any frame not above it is dropped: a client never sees a version
 * go backwards, even when a frame reaches it both through its snapshot and through a concurrent
 * publish.
 *
 * <p>Exactly one send is in flight at a time; whatever was queued meanwhile goes out together in
 * the next (up to {@link #MAX_BATCH} messages). A frame delivered to an idle connection (the usual
 * case) is sent at once; otherwise whichever thread finds the connection idle after queueing (the
 * publisher, the WebSocket thread, or the transport's completion callback) sends the next frame; a
 * completion arriving on the sending thread itself is picked up by the running loop rather than by
 * recursion. The frames of a batch of several streams' values are all queued first ({@link #hold})
 * and sent together when the hub flushes the batch.
 */
public final class Subscriber {

  /** Control frames a client may leave unread before it is closed as too slow. */
  static final int MAX_QUEUED_CONTROL_FRAMES = 32;

  /**
   * Queued messages sent in one write at most: a connection that fell behind catches up in few
   * system calls, and a write stays a few KB (a count is about 150 bytes).
   */
  static final int MAX_BATCH = 32;

  private final Transport transport;
  private final Hub hub;
  private final int maxSubscriptions;

  // One per connection, handed to every send: nothing allocated per message to hear back.
  private final Consumer<Throwable> afterSend = this::afterSend;

  private final Object lock = new Object();
  // Everything below is guarded by lock.
  // The queues are made when first needed, and the control frames' (rare) dropped once sent: a
  // change to an idle connection, the usual case, then reads this object's fields and no other.
  private ArrayDeque<String> control; // null when empty
  private boolean pingPending;
  private LinkedHashMap<String, Frame> pending;
  private LinkedHashMap<String, StreamHistory> pendingHistories;

  /** The subscribed streams. */
  private final Map<String, Subscription> subscribed = new HashMap<>();

  private boolean watchingLive;
  private boolean inFlight;
  private int countsInFlight; // viewer counts in the send in flight, for the delivered metric
  private boolean draining;
  private boolean held; // frames queued by a batch, to be sent when the hub flushes it
  private boolean open = true;
  private ServerClose closedWith;

  public Subscriber(Transport transport, Hub hub, int maxSubscriptions) {
    this.transport = transport;
    this.hub = hub;
    this.maxSubscriptions = maxSubscriptions;
  }

  /** Subscribes without the streams' histories: see {@link #subscribe(Collection, boolean)}. */
  public boolean subscribe(Collection<String> streamIds) {
    return subscribe(streamIds, false);
  }

  /**
   * Subscribes to every stream of {@code streamIds}, or to none of them if that would exceed the
   * maximum. Queues {@code subscribed} first, registers in the hub, then queues the latest known
   * value of each stream: the snapshot, so a client that (re)connects is never stale.
   *
   * @param withHistory also queue each stream's recent minutes after the snapshot, and each new
   *     history as minutes close (a stream subscribed before without them gets them from now on)
   * @return false when nothing was subscribed because of the subscription limit
   */
  public boolean subscribe(Collection<String> streamIds, boolean withHistory) {
    Set<String> requested = new LinkedHashSet<>(streamIds);
    boolean overflow;
    synchronized (lock) {
      if (!open) {
        return true;
      }
      long added = requested.stream().filter(id -> !subscribed.containsKey(id)).count();
      if (subscribed.size() + added > maxSubscriptions) {
        return false;
      }
      overflow = !queueControl(ServerMessages.subscribed(requested));
      if (!overflow) {
        for (String streamId : requested) {
          if (!subscribed.containsKey(streamId)) {
            Subscription subscription = new Subscription(this);
            subscribed.put(streamId, subscription);
            hub.add(streamId, subscription);
          }
        }
        for (String streamId : requested) {
          Frame latest = hub.currentFrame(streamId);
          if (latest != null) {
            queueCount(subscribed.get(streamId), latest);
          }
        }
        if (withHistory) {
          requested.forEach(this::queueHistory);
        }
      }
    }
    afterQueueing(overflow);
    return true;
  }

  /** Stops the streams' updates, including any not sent yet. Unknown ids are ignored. */
  public void unsubscribe(Collection<String> streamIds) {
    synchronized (lock) {
      for (String streamId : streamIds) {
        Subscription subscription = subscribed.remove(streamId);
        if (subscription != null) {
          subscription.cancel();
          if (pending != null) {
            pending.remove(streamId);
          }
          if (pendingHistories != null) {
            pendingHistories.remove(streamId);
          }
          hub.remove(streamId, subscription);
        }
      }
    }
  }

  /**
   * Watches the live set: queues {@code subscribed_live}, then hands this connection the frame of
   * every stream that goes live or stops being live (see {@link Hub}).
   */
  public void watchLive() {
    boolean overflow;
    synchronized (lock) {
      if (!open) {
        return;
      }
      overflow = !queueControl(ServerMessages.subscribedLive());
      if (!overflow && !watchingLive) {
        watchingLive = true;
        hub.watchLive(this);
      }
    }
    afterQueueing(overflow);
  }

  public void unwatchLive() {
    synchronized (lock) {
      watchingLive = false;
      hub.unwatchLive(this);
    }
  }

  public void sendError(String code, String message) {
    sendError(code, message, null, null);
  }

  /**
   * An error about a command, naming the stream ids it refused and the limit it would have
   * exceeded (each left out when null).
   */
  public void sendError(
      String code, String message, Collection<String> refusedStreamIds, Integer limit) {
    boolean overflow;
    synchronized (lock) {
      if (!open) {
        return;
      }
      overflow = !queueControl(ServerMessages.error(code, message, refusedStreamIds, limit));
    }
    afterQueueing(overflow);
  }

  /** Queues a ping; it waits for any send in flight, and one pending ping is enough. */
  public void ping() {
    synchronized (lock) {
      if (!open) {
        return;
      }
      pingPending = true;
    }
    drain();
  }

  /** Closes the connection from the server side; the reason is kept for {@link #closedWith}. */
  public void close(ServerClose why) {
    synchronized (lock) {
      if (!open) {
        return;
      }
      closedWith = why;
      release();
    }
    transport.close(why.code(), why.reason());
  }

  /** The connection is gone (closed by the client, the network or the server): forget it. */
  public void disconnected() {
    synchronized (lock) {
      if (open) {
        release();
      }
    }
  }

  /** How the server closed this connection, or null if it did not. */
  public ServerClose closedWith() {
    synchronized (lock) {
      return closedWith;
    }
  }

  public Set<String> subscriptions() {
    synchronized (lock) {
      return Set.copyOf(subscribed.keySet());
    }
  }

  /**
   * Called by the hub for each subscription of the frame's stream. An idle connection (nothing in
   * flight or queued, the usual case) sends the frame at once without queueing it.
   */
  void deliver(Subscription subscription, Frame frame) {
    boolean sendNow;
    synchronized (lock) {
      if (!open || !subscription.takeVersion(frame)) {
        return;
      }
      sendNow = sendNowOrQueue(frame);
    }
    sendNowOrDrain(sendNow ? frame.text() : null);
  }

  /**
   * Called by the hub for each subscription of a frame of a batch of several streams' values:
   * queues the frame, so that everything the batch brings this connection goes out in one write
   * when the hub {@linkplain #flushHeld flushes} it. A poll that brings a connection several of its
   * streams then costs it one system call, not one per stream.
   *
   * @return true for the first frame this connection holds since its last flush: the caller must
   *     flush it once the batch is queued
   */
  boolean hold(Subscription subscription, Frame frame) {
    synchronized (lock) {
      if (!open || !subscription.takeVersion(frame)) {
        return false;
      }
      queuePending(frame);
      if (held) {
        return false;
      }
      held = true;
      return true;
    }
  }

  /** Sends what a batch {@linkplain #hold held}, unless a send in flight already will. */
  void flushHeld() {
    EncodedText alone;
    synchronized (lock) {
      held = false;
      alone = open ? takeAlone() : null;
    }
    sendNowOrDrain(alone);
  }

  // Under lock: when one count is all that is queued and nothing is in flight (the usual case
  // after a batch), takes it and makes it in flight, to be sent as deliver() sends to an idle
  // connection; otherwise null, and drain() takes what is queued.
  private EncodedText takeAlone() {
    if (inFlight || draining || pingPending || size(pending) != 1 || queuedMessages() != 1) {
      return null;
    }
    inFlight = true;
    countsInFlight = 1;
    return takeOldest(pending).text();
  }

  /**
   * Called by the hub with a stream's new history, for each subscription of the stream; only a
   * subscription that asked for histories takes it.
   */
  void deliverHistory(Subscription subscription, StreamHistory history) {
    boolean sendNow;
    synchronized (lock) {
      if (!open || !subscription.takeHistory(history)) {
        return;
      }
      sendNow = claimIdle(0);
      if (!sendNow) {
        pendingHistories().put(history.streamId(), history);
      }
    }
    sendNowOrDrain(sendNow ? history.encoded() : null);
  }

  /**
   * Called by the hub with the frame of a stream that entered or left the live set, while this
   * connection watches it. A subscribed stream's frame comes through its subscription instead; the
   * frame of another stream replaces an older unsent one of that stream, like any other.
   */
  void deliverLive(Frame frame) {
    boolean sendNow;
    synchronized (lock) {
      Frame queued = pending == null ? null : pending.get(frame.streamId());
      if (!open
          || !watchingLive
          || subscribed.containsKey(frame.streamId())
          || (queued != null && queued.version() >= frame.version())) {
        return;
      }
      sendNow = sendNowOrQueue(frame);
    }
    sendNowOrDrain(sendNow ? frame.text() : null);
  }

  // Under lock: true when the connection is idle and the frame is to be sent at once by the
  // caller (now in flight); otherwise it is queued and sent in turn by drain().
  private boolean sendNowOrQueue(Frame frame) {
    boolean idle = claimIdle(1);
    if (!idle) {
      queuePending(frame);
    }
    return idle;
  }

  // Under lock: whether nothing is in flight or queued, in which case the caller sends at once
  // (the connection is now busy with its frame, which holds that many counts).
  private boolean claimIdle(int counts) {
    if (inFlight || hasQueued()) {
      return false;
    }
    inFlight = true;
    countsInFlight = counts;
    return true;
  }

  // Under lock.
  private boolean hasQueued() {
    return pingPending || queuedMessages() > 0;
  }

  // Under lock: the control frames, counts and histories queued (a ping is not a message).
  private int queuedMessages() {
    return (control == null ? 0 : control.size()) + size(pending) + size(pendingHistories);
  }

  // The frame the caller made in flight, or null when it queued it.
  private void sendNowOrDrain(EncodedText inFlightNow) {
    if (inFlightNow == null) {
      drain();
      return;
    }
    try {
      transport.send(inFlightNow, afterSend);
    } catch (RuntimeException e) {
      afterSend(e);
    }
  }

  // Under lock: queues a snapshot value unless a newer one was queued already.
  private void queueCount(Subscription subscription, Frame frame) {
    if (subscription.takeVersion(frame)) {
      queuePending(frame);
    }
  }

  // Under lock: queues the stream's history, if the node has one and the client wants it.
  private void queueHistory(String streamId) {
    Subscription subscription = subscribed.get(streamId);
    subscription.wantHistory();
    StreamHistory history = hub.currentHistory(streamId);
    if (history != null && subscription.takeHistory(history)) {
      pendingHistories().put(streamId, history);
    }
  }

  // Under lock: a newer frame of a stream replaces its unsent older one.
  private void queuePending(Frame frame) {
    if (pending().put(frame.streamId(), frame) != null) {
      hub.metrics().conflated();
    }
  }

  // Under lock. Returns false when the control queue is full.
  private boolean queueControl(String text) {
    if (control == null) {
      control = new ArrayDeque<>(4);
    } else if (control.size() >= MAX_QUEUED_CONTROL_FRAMES) {
      return false;
    }
    control.add(text);
    return true;
  }

  // Under lock: the oldest control frame, or null.
  private String pollControl() {
    if (control == null) {
      return null;
    }
    String text = control.poll();
    if (control.isEmpty()) {
      control = null;
    }
    return text;
  }

  // Under lock.
  private LinkedHashMap<String, Frame> pending() {
    if (pending == null) {
      pending = new LinkedHashMap<>();
    }
    return pending;
  }

  // Under lock.
  private LinkedHashMap<String, StreamHistory> pendingHistories() {
    if (pendingHistories == null) {
      pendingHistories = new LinkedHashMap<>();
    }
    return pendingHistories;
  }

  private static int size(Map<?, ?> queue) {
    return queue == null ? 0 : queue.size();
  }

  private void afterQueueing(boolean overflow) {
    if (overflow) {
      close(ServerClose.SLOW_CLIENT);
    } else {
      drain();
    }
  }

  // Under lock: leave the hub and drop everything queued; later calls are no-ops.
  private void release() {
    open = false;
    subscribed.forEach(
        (streamId, subscription) -> {
          subscription.cancel();
          hub.remove(streamId, subscription);
        });
    subscribed.clear();
    if (watchingLive) {
      watchingLive = false;
      hub.unwatchLive(this);
    }
    pending = null;
    pendingHistories = null;
    control = null;
    pingPending = false;
  }

  private void drain() {
    synchronized (lock) {
      if (draining) {
        return; // the thread that is draining will see what was just queued
      }
      draining = true;
    }
    while (true) {
      Outgoing next;
      synchronized (lock) {
        next = open && !inFlight ? takeNext() : null;
        if (next == null) {
          draining = false;
          return;
        }
        inFlight = true;
        countsInFlight = next.counts();
      }
      write(next);
    }
  }

  // Under lock: what is queued, in the order it goes out: control frames first, then a ping, then
  // the oldest stream with a pending count, then the oldest with a pending history (a count is
  // what the client is here for). Up to MAX_BATCH messages go in one write; a ping goes alone.
  private Outgoing takeNext() {
    if (control == null && pingPending) {
      pingPending = false;
      return Outgoing.PING;
    }
    int queued = queuedMessages();
    if (queued == 0) {
      return null; // the usual case, after a send to an idle connection
    }
    List<EncodedText> batch = new ArrayList<>(Math.min(MAX_BATCH, queued));
    int counts = 0;
    while (batch.size() < MAX_BATCH) {
      String text = pollControl();
      if (text != null) {
        batch.add(EncodedText.of(text));
      } else if (pingPending) {
        break;
      } else if (size(pending) > 0) {
        batch.add(takeOldest(pending).text());
        counts++;
      } else if (size(pendingHistories) > 0) {
        batch.add(takeOldest(pendingHistories).encoded());
      } else {
        break;
      }
    }
    return new Outgoing(batch, counts); // never empty: something but a lone ping was queued
  }

  private static <T> T takeOldest(LinkedHashMap<String, T> queued) {
    Iterator<T> values = queued.values().iterator();
    if (!values.hasNext()) {
      return null;
    }
    T oldest = values.next();
    values.remove();
    return oldest;
  }

  private void write(Outgoing next) {
    try {
      if (next == Outgoing.PING) {
        transport.ping(afterSend);
      } else {
        transport.send(next.texts(), afterSend);
      }
    } catch (RuntimeException e) {
      afterSend(e);
    }
  }

  private void afterSend(Throwable error) {
    if (error != null) {
      close(
          error instanceof SocketTimeoutException
              ? ServerClose.SLOW_CLIENT
              : ServerClose.SEND_FAILED);
      return;
    }
    int counts;
    boolean more;
    synchronized (lock) {
      inFlight = false;
      counts = countsInFlight;
      more = hasQueued();
    }
    if (counts > 0) {
      hub.metrics().delivered(counts);
    }
    if (more) { // else whoever queues next finds the connection idle, and sends or drains
      drain();
    }
  }

  /** Text messages to send in one write, {@code counts} of them viewer counts; or the ping marker. */
  private record Outgoing(List<EncodedText> texts, int counts) {
    static final Outgoing PING = new Outgoing(List.of(), 0);
  }
}
