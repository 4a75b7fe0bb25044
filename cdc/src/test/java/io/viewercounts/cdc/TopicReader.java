package io.viewercounts.cdc;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads a whole topic from its beginning, as a committed-only reader would. */
public final class TopicReader implements AutoCloseable {

  private static final Duration POLL = Duration.ofMillis(5);

  private final KafkaConsumer<String, String> consumer;
  private final List<ConsumerRecord<String, String>> received = new ArrayList<>();
  private int awaited;

  public TopicReader(String bootstrapServers, String topic) {
    consumer = openAtBeginning(bootstrapServers, topic, Map.of());
  }

  /**
   * A committed-only consumer without a group, assigned every partition of the topic from its
   * beginning; {@code extraConfig} adds to (or overrides) that configuration.
   */
  public static KafkaConsumer<String, String> openAtBeginning(
      String bootstrapServers, String topic, Map<String, Object> extraConfig) {
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    config.putAll(extraConfig);
    KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
    List<TopicPartition> partitions =
        consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
            .map(info -> new TopicPartition(topic, info.partition()))
            .toList();
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    return consumer;
  }

  /**
   * Polls until a record after the previously awaited one matches, and returns it.
   *
   * @throws AssertionError listing what arrived, when none matches in time
   */
  public ConsumerRecord<String, String> await(
      Predicate<ConsumerRecord<String, String>> wanted, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      for (int i = awaited; i < received.size(); i++) {
        if (wanted.test(received.get(i))) {
          awaited = i + 1;
          return received.get(i);
        }
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no wanted record within " + timeout + "; received " + received);
      }
      consumer.poll(POLL).forEach(received::add);
    }
  }

  /**
   * Polls until everything read so far satisfies {@code done}.
   *
   * @throws AssertionError when it does not in time
   */
  public List<ConsumerRecord<String, String>> awaitAll(
      Predicate<List<ConsumerRecord<String, String>>> done, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!done.test(received)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not done within " + timeout + "; received " + received.size());
      }
      consumer.poll(POLL).forEach(received::add);
    }
    return received();
  }

  /** Polls for the given time and returns everything read so far. */
  public List<ConsumerRecord<String, String>> readFor(Duration duration) {
    long end = System.nanoTime() + duration.toNanos();
    while (System.nanoTime() < end) {
      consumer.poll(POLL).forEach(received::add);
    }
    return received();
  }

  /** Every record read so far, in partition order. */
  public List<ConsumerRecord<String, String>> received() {
    return List.copyOf(received);
  }

  @Override
  public void close() {
    consumer.close();
  }
}
