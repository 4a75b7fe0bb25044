package io.viewercounts.broadcaster.fanout;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.viewercounts.events.MinuteStats;
import io.viewercounts.events.ViewerCount;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

/**
 * Stream id to subscribers, plus the latest value of every stream.
 *
 * <p>Subscribers are spread over shards by stream id, each shard with its own lock, so subscribing,
 * unsubscribing and publishing on different streams rarely contend. No shard lock is held while
 * frames are handed to subscribers: a publish takes a snapshot array of the stream's subscribers
 * under the lock (rebuilt only after the set changed) and delivers after releasing it, so the only
 * lock order is connection, then shard. A stream with a large audience is delivered by every core.
 *
 * <p>Connections may also watch the live set: they get the frame of every stream that goes live or
 * stops being live, whether they subscribed to it or not, so a page listing live streams learns of
 * new and ended ones without asking again. Nothing is sent to them while the live set stays the
 * same.
 *
 * <p>The hub also keeps the recent minutes of every stream live within a window ({@link
 * StreamHistory}) and hands each new one to the subscribers of its stream that asked for it.
 */
public final class Hub implements AutoCloseable {

  private static final int SHARD_COUNT = 64; // a power of two: the index is a mask of the hash
  private static final Subscription[] NONE = new Subscription[0];
  /** Minutes of history kept per stream unless told otherwise. */
  public static final int DEFAULT_HISTORY_MINUTES = 30;

  private final Shard[] shards = new Shard[SHARD_COUNT];
  private final LatestCounts latest = new LatestCounts();
  private final Histories histories;
  private final AtomicInteger subscriptions = new AtomicInteger();
  private final Set<Subscriber> liveWatchers = ConcurrentHashMap.newKeySet();
  private final FanoutMetrics metrics;
  private final ParallelDelivery delivery;

  public Hub(MeterRegistry registry) {
    this(registry, Runtime.getRuntime().availableProcessors(), DEFAULT_HISTORY_MINUTES);
  }

  /**
   * @param deliveryThreads threads that hand a frame to a large audience, the publisher included
   * @param historyMinutes minutes of history kept per stream
   */
  public Hub(MeterRegistry registry, int deliveryThreads, int historyMinutes) {
    delivery = new ParallelDelivery(deliveryThreads);
    histories = new Histories(historyMinutes);
    for (int i = 0; i < SHARD_COUNT; i++) {
      shards[i] = new Shard();
    }
    metrics = new FanoutMetrics(registry);
    Gauge.builder("viewercounts.broadcaster.subscriptions", subscriptions, AtomicInteger::get)
        .description("stream subscriptions of all connections of this node")
        .register(registry);
    Gauge.builder("viewercounts.broadcaster.streams.known", latest, LatestCounts::size)
        .description("streams whose latest value this node knows")
        .register(registry);
    Gauge.builder("viewercounts.broadcaster.streams.with.history", histories, Histories::size)
        .description("streams whose recent minutes this node keeps")
        .register(registry);
  }

  /**
   * Makes {@code count} the stream's latest value if its version is higher than the known one and
   * hands the same encoded frame to every subscriber of the stream. The latest value is updated
   * before subscribers are read, so a subscriber registering meanwhile gets the value either here
   * or in its snapshot (or both: its per-stream version check drops the second).
   *
   * @return whether the value was newer than what the node knew
   */
  public boolean publish(ViewerCount count) {
    long start = System.nanoTime();
    boolean newer = fanOut(count, delivery::deliver);
    if (newer) {
      metrics.handOff().record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    }
    return newer;
  }

  /**
   * Publishes a batch of values as read from the topic: the values of different streams on every
   * core at once (in lanes by shard), then, once all are queued, each connection they reach sends
   * what they brought it in one write. A connection watching several of the batch's streams costs
   * one system call, not one per stream, which is what lets a node that falls behind its feed catch
   * up. Of several values of one stream in the batch a connection may get only the newest, as a
   * slow one would. A batch of one value goes out as {@link #publish} does.
   *
   * @return how many of the values were newer than what the node knew
   */
  public int publishAll(List<ViewerCount> counts) {
    if (counts.size() == 1) {
      return publish(counts.get(0)) ? 1 : 0;
    }
    long start = System.nanoTime();
    int lanes = delivery.threads();
    List<List<ViewerCount>> byLane = new ArrayList<>(lanes);
    for (int i = 0; i < lanes; i++) {
      byLane.add(new ArrayList<>());
    }
    counts.forEach(count -> byLane.get(shardIndex(count.streamId()) % lanes).add(count));
    byLane.removeIf(List::isEmpty);
    AtomicInteger newer = new AtomicInteger();
    List<List<Subscriber>> heldByLane = new ArrayList<>(byLane.size());
    List<Runnable> work = new ArrayList<>(byLane.size());
    for (List<ViewerCount> lane : byLane) {
      List<Subscriber> held = new ArrayList<>();
      heldByLane.add(held);
      work.add(() -> lane.forEach(count -> newer.addAndGet(hold(count, held) ? 1 : 0)));
    }
    delivery.runAll(work);
    List<Subscriber> held = new ArrayList<>();
    heldByLane.forEach(held::addAll);
    delivery.flush(held);
    metrics.handOff().record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    return newer.get();
  }

  /** One value of a batch: queued for its subscribers, who are added to {@code held} to flush. */
  private boolean hold(ViewerCount count, List<Subscriber> held) {
    return fanOut(
        count,
        (audience, frame) -> {
          for (Subscription subscription : audience) {
            subscription.hold(frame, held);
          }
        });
  }

  /**
   * Makes the value the stream's latest if it is newer, then gives its frame to {@code handOver}
   * with the stream's subscribers, and to the live watchers if the stream's liveness changed.
   */
  private boolean fanOut(ViewerCount count, BiConsumer<Subscription[], Frame> handOver) {
    Frame frame = Frame.of(count);
    LatestCounts.Offer offer = latest.offer(frame);
    if (!offer.kept()) {
      return false;
    }
    handOver.accept(audienceOf(count.streamId()), frame);
    if (offer.changedLiveness(frame)) {
      liveWatchers.forEach(watcher -> watcher.deliverLive(frame));
    }
    return true;
  }

  private Subscription[] audienceOf(String streamId) {
    return shardOf(streamId).subscriptionsOf(streamId);
  }

  /**
   * Adds a closed minute to its stream's history and hands the new history to the subscribers of
   * the stream that asked for histories, on the calling thread: a stream's minute closes once a
   * minute, far less often than its count changes.
   *
   * @return whether the stream's history changed (false for a minute older than the window)
   */
  public boolean publishMinute(MinuteStats stats) {
    StreamHistory history = histories.offer(stats);
    if (history == null) {
      return false;
    }
    for (Subscription subscription : audienceOf(stats.streamId())) {
      subscription.deliverHistory(history);
    }
    return true;
  }

  /**
   * Forgets the histories of streams not live within the window ending at {@code now}.
   *
   * @return how many were forgotten
   */
  public int forgetHistoriesEndedBefore(Instant now) {
    return histories.forgetEndedBefore(now);
  }

  /** Stops the delivery threads; publishing after this delivers on the publishing thread. */
  @Override
  public void close() {
    delivery.close();
  }

  /** A tombstone: the stream was deleted. Clients are not told; new subscribers get no value. */
  public void forget(String streamId) {
    latest.forget(streamId);
    histories.forget(streamId);
  }

  public Optional<ViewerCount> current(String streamId) {
    return latest.get(streamId);
  }

  /** Minutes of history kept per stream. */
  public int historyMinutes() {
    return histories.windowMinutes();
  }

  /** The stream's recent minutes, or null when none is known. */
  public StreamHistory currentHistory(String streamId) {
    return histories.get(streamId);
  }

  /** Every stream the node knows, most viewers first. */
  public List<ViewerCount> all() {
    return latest.all();
  }

  /** The live streams from position {@code offset}, at most {@code limit}, most viewers first. */
  public StreamSlice live(int offset, int limit) {
    return latest.live(offset, limit);
  }

  public int subscriptions() {
    return subscriptions.get();
  }

  FanoutMetrics metrics() {
    return metrics;
  }

  Frame currentFrame(String streamId) {
    return latest.frame(streamId);
  }

  void add(String streamId, Subscription subscription) {
    if (shardOf(streamId).add(streamId, subscription)) {
      subscriptions.incrementAndGet();
    }
  }

  void watchLive(Subscriber watcher) {
    liveWatchers.add(watcher);
  }

  void unwatchLive(Subscriber watcher) {
    liveWatchers.remove(watcher);
  }

  void remove(String streamId, Subscription subscription) {
    if (shardOf(streamId).remove(streamId, subscription)) {
      subscriptions.decrementAndGet();
    }
  }

  private Shard shardOf(String streamId) {
    return shards[shardIndex(streamId)];
  }

  private static int shardIndex(String streamId) {
    int hash = streamId.hashCode();
    return (hash ^ (hash >>> 16)) & (SHARD_COUNT - 1);
  }

  private static final class Shard {

    private final Map<String, Audience> byStream = new HashMap<>();

    synchronized boolean add(String streamId, Subscription subscription) {
      return byStream.computeIfAbsent(streamId, id -> new Audience()).add(subscription);
    }

    synchronized boolean remove(String streamId, Subscription subscription) {
      Audience audience = byStream.get(streamId);
      if (audience == null || !audience.remove(subscription)) {
        return false;
      }
      if (audience.isEmpty()) {
        byStream.remove(streamId);
      }
      return true;
    }

    synchronized Subscription[] subscriptionsOf(String streamId) {
      Audience audience = byStream.get(streamId);
      return audience == null ? NONE : audience.snapshot();
    }
  }

  /**
   * The subscriptions of one stream, with an array of them that publishes share until the set
   * changes: a stream with thousands of subscribers is not copied on every change of its value.
   * Guarded by its shard's lock.
   *
   * <p>The array keeps the order they subscribed in, which is near the order their connections
   * were accepted: a fan-out then writes to sockets whose descriptors, kernel structures and our
   * objects for them were made one after the other, so each write finds much of what it reads
   * beside what the last one read. In a hash set's order every write began with cache misses in
   * the descriptor table and the socket's file: 1.4 us a message more in the kernel, the fan-out's
   * threads 1.3x the bare floor's where they are now 1.15x (BENCHMARKS.md).
   */
  private static final class Audience {

    private final Set<Subscription> members = new LinkedHashSet<>();
    private Subscription[] snapshot;

    boolean add(Subscription subscription) {
      boolean added = members.add(subscription);
      if (added) {
        snapshot = null;
      }
      return added;
    }

    boolean remove(Subscription subscription) {
      boolean removed = members.remove(subscription);
      if (removed) {
        snapshot = null;
      }
      return removed;
    }

    boolean isEmpty() {
      return members.isEmpty();
    }

    /** Never modified once returned: publishes may iterate it without the lock. */
    Subscription[] snapshot() {
      if (snapshot == null) {
        snapshot = members.toArray(NONE);
      }
      return snapshot;
    }
  }
}
