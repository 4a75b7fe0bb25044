package io.viewercounts.broadcaster.feed;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
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
 * Reads one topic on a thread of its own from a start position the subclass chooses, then follows
 * it, handing every poll to the subclass.
 *
 * <p>Every node needs every stream, so this is a plain consumer outside any consumer group: it
 * assigns itself all partitions and never commits offsets. It reports itself loaded once it has
 * read up to the end offsets found at start.
 */
public abstract class TopicFeed implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(TopicFeed.class);
  private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);
  private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration TOPIC_RETRY = Duration.ofSeconds(1);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

  /** Where the feed is; only {@code FOLLOWING} means what was in the topic at start is read. */
  public enum Phase {
    WAITING_FOR_TOPIC,
    LOADING,
    FOLLOWING,
    FAILED,
    STOPPED
  }

  private final Map<String, Object> consumerConfig;
  private final String topic;
  private final MeterRegistry registry;
  private final String recordsMetric;
  private final Counter malformed;
  private final CountDownLatch stopRequested = new CountDownLatch(1);

  private volatile Phase phase = Phase.WAITING_FOR_TOPIC;
  private volatile Throwable failure;
  private volatile KafkaConsumer<String, byte[]> consumer;
  private KafkaClientMetrics clientMetrics;
  private Thread thread;

  /**
   * @param kafkaConfig the client settings from Boot's {@code spring.kafka.*}; see {@link
   *     #consumerConfig} for what the feed sets on top
   * @param clientId the client id when the settings name none
   * @param recordsMetric the counter of the feed's records, tagged by what became of them
   */
  protected TopicFeed(
      Map<String, Object> kafkaConfig,
      String clientId,
      String topic,
      String recordsMetric,
      MeterRegistry registry) {
    this.consumerConfig = consumerConfig(kafkaConfig, clientId);
    this.topic = topic;
    this.registry = registry;
    this.recordsMetric = recordsMetric;
    this.malformed = recordCounter("malformed");
  }

  /**
   * The consumer settings: Boot's client settings, plus what a feed's correctness needs.
   *
   * <ul>
   *   <li>No {@code group.id} and no commits: each node reads every partition itself.
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
   *       it is fanned out, so it catches up instead of falling further behind. A node that keeps
   *       up polls a few records at a time whatever this says.
   * </ul>
   */
  static Map<String, Object> consumerConfig(Map<String, Object> kafkaConfig, String clientId) {
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
    // Two feeds of one node must not share a client id: their metrics would collide.
    Object configured = config.get(ConsumerConfig.CLIENT_ID_CONFIG);
    config.put(
        ConsumerConfig.CLIENT_ID_CONFIG,
        configured == null ? clientId : configured + "-" + clientId);
    return config;
  }

  public synchronized void start() {
    if (thread != null) {
      return;
    }
    consumer = new KafkaConsumer<>(consumerConfig);
    // A feed has no consumer group, so the broker knows no lag for it: the client's own
    // metrics (kafka_consumer_fetch_manager_records_lag_max, ...) are the way to watch it.
    clientMetrics = new KafkaClientMetrics(consumer);
    clientMetrics.bindTo(registry);
    thread = new Thread(this::run, consumerConfig.get(ConsumerConfig.CLIENT_ID_CONFIG).toString());
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

  /** Positions the consumer, assigned {@code partitions}, where reading starts. */
  protected abstract void seekStart(
      KafkaConsumer<String, byte[]> kafka, List<TopicPartition> partitions);

  /** Handles one poll's records, in their order. */
  protected abstract void apply(ConsumerRecords<String, byte[]> records);

  /** What the feed holds once loaded, for the log line that says so. */
  protected abstract String loadedSummary();

  private void run() {
    try (KafkaConsumer<String, byte[]> kafka = consumer) {
      List<TopicPartition> partitions = awaitPartitions(kafka);
      if (partitions.isEmpty()) {
        return; // stopped while waiting
      }
      kafka.assign(partitions);
      seekStart(kafka, partitions);
      Map<TopicPartition, Long> loadEnd = kafka.endOffsets(partitions);
      phase = Phase.LOADING;
      log.info("Loading {} ({} partitions) up to offsets {}", topic, partitions.size(), loadEnd);
      while (!stopping()) {
        apply(kafka.poll(POLL_TIMEOUT));
        if (phase == Phase.LOADING && reached(kafka, loadEnd)) {
          phase = Phase.FOLLOWING;
          log.info("Loaded {}: {}; following changes", topic, loadedSummary());
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
   * The record's value, or null (see {@link #skipMalformed}) if it is not a valid one or not the
   * value of the stream its key names.
   */
  protected <T> T decode(
      ConsumerRecord<String, byte[]> record,
      Function<byte[], T> decoder,
      Function<T, String> streamIdOf) {
    T value;
    try {
      value = decoder.apply(record.value());
    } catch (IllegalArgumentException e) {
      skipMalformed(record, e.getMessage());
      return null;
    }
    if (record.key() != null && !record.key().equals(streamIdOf.apply(value))) {
      skipMalformed(record, "key " + record.key() + " is not the value's streamId");
      return null;
    }
    return value;
  }

  /** The counter of the feed's records with this outcome: what became of them. */
  protected Counter recordCounter(String outcome) {
    return Counter.builder(recordsMetric)
        .description("records read by the feed, by what became of them")
        .tag("outcome", outcome)
        .register(registry);
  }

  /** Counts and logs a record that is not a valid value of the topic. */
  protected void skipMalformed(ConsumerRecord<String, byte[]> record, String why) {
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
}
