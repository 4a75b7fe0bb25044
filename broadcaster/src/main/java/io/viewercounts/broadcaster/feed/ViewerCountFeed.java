package io.viewercounts.broadcaster.feed;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.viewercounts.broadcaster.fanout.Hub;
import io.viewercounts.events.ViewerCount;
import io.viewercounts.events.ViewerCountJson;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the whole {@code viewer-counts} topic into the {@link Hub}, then follows it.
 *
 * <p>Every node needs every stream's value, so this is a plain consumer outside any consumer group:
 * it assigns itself all partitions, starts from the beginning (the topic holds the latest value of
 * each stream), and never commits offsets. It reports itself caught up once it has read up to the
 * end offsets found at start, which is when the node's snapshot is complete.
 */
public final class ViewerCountFeed implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ViewerCountFeed.class);
  private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);
  private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration TOPIC_RETRY = Duration.ofSeconds(1);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

  /** Where the feed is; only {@code FOLLOWING} means the node's values are complete. */
  public enum Phase {
    WAITING_FOR_TOPIC,
    LOADING,
    FOLLOWING,
    FAILED,
    STOPPED
  }

  private final Map<String, Object> consumerConfig;
  private final String topic;
  private final Hub hub;
  private final MeterRegistry registry;
  private final Counter applied;
  private final Counter stale;
  private final Counter tombstones;
  private final Counter malformed;
  private final Counter conflated;
  private final CountDownLatch stopRequested = new CountDownLatch(1);

  private volatile Phase phase = Phase.WAITING_FOR_TOPIC;
  private volatile Throwable failure;
  private volatile KafkaConsumer<String, byte[]> consumer;
  private KafkaClientMetrics clientMetrics;
  private Thread thread;

  /**
   * @param kafkaConfig the client settings (bootstrap servers, security, ...) from Boot's {@code
   *     spring.kafka.*}; see {@link #consumerConfig} for what the feed sets on top
   */
  public ViewerCountFeed(
      Map<String, Object> kafkaConfig, String topic, Hub hub, MeterRegistry registry) {
    this.consumerConfig = consumerConfig(kafkaConfig);
    this.topic = topic;
    this.hub = hub;
    this.registry = registry;
    this.applied = recordCounter(registry, "applied");
    this.stale = recordCounter(registry, "stale");
    this.tombstones = recordCounter(registry, "tombstone");
    this.malformed = recordCounter(registry, "malformed");
    this.conflated = recordCounter(registry, "conflated");
  }

  /**
   * The consumer settings: Boot's client settings, plus what this feed's correctness needs.
   *
   * <ul>
   *   <li>No {@code group.id} and no commits: each node reads every partition from the start.
   *   <li>{@code isolation.level=read_committed}: the topology writes in transactions; values of
   *       aborted ones must never reach a browser.
   *   <li>{@code allow.auto.create.topics=false}: the broadcaster waits for the topic rather than
   *       creating it with the broker's default partition count.
   *   <li>{@code fetch.max.wait.ms=50} unless set: the broker parks a fetch that finds nothing
   *       readable for up to this long. Under read_committed, records of an open transaction are
   *       not readable until it commits, so a fetch may wait out this timer before the next one
   *       picks them up: 50 ms (instead of 500) bounds that added latency, at the cost of about 20
   *       empty fetches a second per broker while idle.
   *   <li>{@code max.poll.records=10000} unless set: a node that falls behind (more changes than
   *       it can deliver) takes a large poll at once, and only the latest value of each stream in
   *       it is fanned out ({@link #apply}), so it catches up instead of falling further behind.
   *       A node that keeps up polls a few records at a time whatever this says.
   * </ul>
   */
  public static Map<String, Object> consumerConfig(Map<String, Object> kafkaConfig) {
    Map<String, Object> config = new HashMap<>(kafkaConfig);
    config.remove(ConsumerConfig.GROUP_ID_CONFIG);
    config.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    // Only used if retention deleted records under us: the earliest is then the right place.
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.putIfAbsent(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50);
    config.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
    config.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "broadcaster-feed");
    return config;
  }

  public synchronized void start() {
    if (thread != null) {
      return;
    }
    consumer = new KafkaConsumer<>(consumerConfig);
    // The feed has no consumer group, so the broker knows no lag for it: the client's own
    // metrics (kafka_consumer_fetch_manager_records_lag_max, ...) are the way to watch it.
    clientMetrics = new KafkaClientMetrics(consumer);
    clientMetrics.bindTo(registry);
    thread = new Thread(this::run, "viewer-count-feed");
    thread.setDaemon(true);
    thread.start();
  }

  /** Stops reading: wakes the consumer up and waits a few seconds for it to close. */
  @Override
  public synchronized void close() {
    stopRequested.countDown();
    KafkaConsumer<String, byte[]> current = consumer;
    if (current != null) {
      current.wakeup();
    }
    if (thread != null) {
      try {
        thread.join(STOP_TIMEOUT.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (thread.isAlive()) {
        log.warn("Feed of {} did not stop within {}", topic, STOP_TIMEOUT);
      }
    }
    if (clientMetrics != null) {
      clientMetrics.close();
    }
  }

  public Phase phase() {
    return phase;
  }

  /** Why the feed stopped reading, when {@link #phase()} is {@code FAILED}. */
  public Throwable failure() {
    return failure;
  }

  public String topic() {
    return topic;
  }

  private void run() {
    try (KafkaConsumer<String, byte[]> kafka = consumer) {
      List<TopicPartition> partitions = awaitPartitions(kafka);
      if (partitions.isEmpty()) {
        return; // stopped while waiting
      }
      kafka.assign(partitions);
      kafka.seekToBeginning(partitions);
      Map<TopicPartition, Long> snapshotEnd = kafka.endOffsets(partitions);
      phase = Phase.LOADING;
      log.info(
          "Loading {} ({} partitions) up to offsets {}", topic, partitions.size(), snapshotEnd);
      while (!stopping()) {
        apply(kafka.poll(POLL_TIMEOUT));
        if (phase == Phase.LOADING && reached(kafka, snapshotEnd)) {
          phase = Phase.FOLLOWING;
          log.info("Loaded {}: {} streams known; following changes", topic, hub.all().size());
        }
      }
    } catch (WakeupException e) {
      if (!stopping()) {
        fail(e);
      }
    } catch (RuntimeException e) {
      fail(e);
    } finally {
      if (phase != Phase.FAILED) {
        phase = Phase.STOPPED;
      }
    }
  }

  private List<TopicPartition> awaitPartitions(KafkaConsumer<String, byte[]> kafka) {
    boolean announced = false;
    while (!stopping()) {
      try {
        List<TopicPartition> partitions =
            kafka.partitionsFor(topic, METADATA_TIMEOUT).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .toList();
        if (!partitions.isEmpty()) {
          return partitions;
        }
      } catch (TimeoutException e) {
        // Kafka unreachable: keep trying, the health indicator shows we are not ready.
      }
      if (!announced) {
        log.info("Waiting for topic {} to exist", topic);
        announced = true;
      }
      awaitStop(TOPIC_RETRY);
    }
    return List.of();
  }

  /**
   * Publishes the valid values of a poll as one batch, so the hub can fan out values of different
   * streams in parallel. Of several values of one stream in the batch only the newest is fanned
   * out: a viewer count is state, and the contract lets a client skip intermediate values as long
   * as the latest arrives, so a node behind the topic catches up with one delivery per stream. A
   * tombstone first publishes the values before it: order within a stream is kept.
   */
  private void apply(ConsumerRecords<String, byte[]> records) {
    Map<String, ViewerCount> batch = new LinkedHashMap<>();
    for (ConsumerRecord<String, byte[]> record : records) {
      if (record.value() == null) {
        publish(batch);
        forget(record);
      } else {
        ViewerCount count = decode(record);
        if (count != null) {
          batch.merge(count.streamId(), count, this::newer);
        }
      }
    }
    publish(batch);
  }

  /** Of two values of one stream in a poll, the newer; the other is conflated or stale. */
  private ViewerCount newer(ViewerCount known, ViewerCount next) {
    if (next.version() > known.version()) {
      conflated.increment();
      return next;
    }
    stale.increment();
    return known;
  }

  private void publish(Map<String, ViewerCount> batch) {
    if (batch.isEmpty()) {
      return;
    }
    int newer = hub.publishAll(new ArrayList<>(batch.values()));
    applied.increment(newer);
    stale.increment(batch.size() - newer);
    batch.clear();
  }

  private void forget(ConsumerRecord<String, byte[]> tombstone) {
    if (tombstone.key() == null) {
      skipMalformed(tombstone, "tombstone without a key");
      return;
    }
    hub.forget(tombstone.key());
    tombstones.increment();
  }

  /** The record's value, or null (counted and logged) if it is not a valid one. */
  private ViewerCount decode(ConsumerRecord<String, byte[]> record) {
    ViewerCount count;
    try {
      count = ViewerCountJson.decode(record.value());
    } catch (IllegalArgumentException e) {
      skipMalformed(record, e.getMessage());
      return null;
    }
    if (record.key() != null && !record.key().equals(count.streamId())) {
      skipMalformed(record, "key " + record.key() + " is not the value's streamId");
      return null;
    }
    return count;
  }

  private void skipMalformed(ConsumerRecord<String, byte[]> record, String why) {
    malformed.increment();
    log.warn(
        "Skipped malformed record {}-{}@{}: {}",
        record.topic(),
        record.partition(),
        record.offset(),
        why);
  }

  private static boolean reached(
      KafkaConsumer<String, byte[]> kafka, Map<TopicPartition, Long> endOffsets) {
    return endOffsets.entrySet().stream()
        .allMatch(end -> kafka.position(end.getKey()) >= end.getValue());
  }

  private boolean stopping() {
    return stopRequested.getCount() == 0;
  }

  private void awaitStop(Duration timeout) {
    try {
      stopRequested.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopRequested.countDown();
    }
  }

  private void fail(RuntimeException e) {
    failure = e;
    phase = Phase.FAILED;
    log.error("Feed of {} stopped reading", topic, e);
  }

  private static Counter recordCounter(MeterRegistry registry, String outcome) {
    return Counter.builder("viewercounts.broadcaster.feed.records")
        .description("records read from the viewer-counts topic, by what became of them")
        .tag("outcome", outcome)
        .register(registry);
  }
}
