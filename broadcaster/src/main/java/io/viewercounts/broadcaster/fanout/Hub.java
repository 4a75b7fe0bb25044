package io.viewercounts.broadcaster.fanout;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.viewercounts.events.ViewerCount;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stream id to subscribers, plus the latest value of every stream.
 *
 * <p>Subscribers are spread over shards by stream id, each shard with its own lock, so subscribing,
 * unsubscribing and publishing on different streams rarely contend. No shard lock is held while
 * frames are handed to subscribers: a publish copies the stream's subscribers under the lock and
 * delivers after releasing it, so the only lock order is connection, then shard.
 */
public final class Hub {

  private static final Logger log = LoggerFactory.getLogger(Hub.class);
  private static final int SHARD_COUNT = 64; // a power of two: the index is a mask of the hash
  private static final Subscriber[] NONE = new Subscriber[0];

  private final Shard[] shards = new Shard[SHARD_COUNT];
  private final LatestCounts latest = new LatestCounts();
  private final AtomicInteger subscriptions = new AtomicInteger();
  private final FanoutMetrics metrics;

  public Hub(MeterRegistry registry) {
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
    Frame frame = Frame.of(count);
    if (!latest.offer(frame)) {
      return false;
    }
    for (Subscriber subscriber : shardOf(count.streamId()).subscribersOf(count.streamId())) {
      try {
        subscriber.deliver(frame);
      } catch (RuntimeException e) {
        // deliver() does not throw by design; if it ever does, the others must still get the frame.
        log.warn("Delivering {} to a subscriber failed", count.streamId(), e);
      }
    }
    return true;
  }

  /** A tombstone: the stream was deleted. Clients are not told; new subscribers get no value. */
  public void forget(String streamId) {
    latest.forget(streamId);
  }

  public Optional<ViewerCount> current(String streamId) {
    return latest.get(streamId);
  }

  /** Every stream the node knows, most viewers first. */
  public List<ViewerCount> all() {
    return latest.all();
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

  void add(String streamId, Subscriber subscriber) {
    if (shardOf(streamId).add(streamId, subscriber)) {
      subscriptions.incrementAndGet();
    }
  }

  void remove(String streamId, Subscriber subscriber) {
    if (shardOf(streamId).remove(streamId, subscriber)) {
      subscriptions.decrementAndGet();
    }
  }

  private Shard shardOf(String streamId) {
    int hash = streamId.hashCode();
    return shards[(hash ^ (hash >>> 16)) & (SHARD_COUNT - 1)];
  }

  private static final class Shard {

    private final Map<String, Set<Subscriber>> byStream = new HashMap<>();

    synchronized boolean add(String streamId, Subscriber subscriber) {
      return byStream.computeIfAbsent(streamId, id -> new HashSet<>()).add(subscriber);
    }

    synchronized boolean remove(String streamId, Subscriber subscriber) {
      Set<Subscriber> subscribers = byStream.get(streamId);
      if (subscribers == null || !subscribers.remove(subscriber)) {
        return false;
      }
      if (subscribers.isEmpty()) {
        byStream.remove(streamId);
      }
      return true;
    }

    synchronized Subscriber[] subscribersOf(String streamId) {
      Set<Subscriber> subscribers = byStream.get(streamId);
      return subscribers == null ? NONE : subscribers.toArray(NONE);
    }
  }
}
