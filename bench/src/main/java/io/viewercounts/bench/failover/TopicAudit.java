package io.viewercounts.bench.failover;

import io.viewercounts.events.Topics;
import io.viewercounts.events.ViewerCountJson;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads all of {@code viewer-counts} as the broadcasters do (read_committed) and checks that each
 * stream's versions strictly grow: a version written twice is a change emitted twice, one that
 * falls is a change emitted out of order.
 */
final class TopicAudit {

  private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

  /** @param records how many committed records it read */
  record Findings(long records, List<String> failures) {}

  private TopicAudit() {}

  static Findings read(String bootstrapServers) {
    Properties config = new Properties();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(Topics.VIEWER_COUNTS).stream()
          .map(info -> new TopicPartition(info.topic(), info.partition()))
          .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      // With read_committed, the end is the last stable offset: every committed record before it.
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      VersionOrder order = new VersionOrder();
      long records = 0;
      long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
      while (!reached(consumer, end)) {
        if (System.nanoTime() > deadline) {
          order.failures.add("could not read viewer-counts to its end within "
              + READ_TIMEOUT.toSeconds() + " s");
          break;
        }
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          records++;
          if (record.value() != null) { // a tombstone deletes a stream
            order.next(record.key(), ViewerCountJson.decode(record.value()).version(),
                record.offset());
          }
        }
      }
      return new Findings(records, order.failures);
    }
  }

  private static boolean reached(
      KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> end) {
    return end.entrySet().stream()
        .allMatch(partition -> consumer.position(partition.getKey()) >= partition.getValue());
  }

  /** Each key's last version, and every record that did not raise it. */
  static final class VersionOrder {

    private final Map<String, Long> last = new HashMap<>();
    private final List<String> failures = new ArrayList<>();

    void next(String key, long version, long offset) {
      Long before = last.put(key, version);
      if (before != null && version <= before) {
        String problem = version == before ? "the same as before" : "below " + before;
        failures.add("viewer-counts: " + key + " at offset " + offset + " has version "
            + version + ", " + problem);
        last.put(key, before);
      }
    }

    List<String> failures() {
      return failures;
    }
  }
}
