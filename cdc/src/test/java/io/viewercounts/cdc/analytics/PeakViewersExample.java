package io.viewercounts.cdc.analytics;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The consumer example of docs/analytics.md, with plain kafka-clients and a JSON parser: each
 * stream's peak audience over what {@code viewer-counts-1m} holds, read from the beginning to the
 * end offsets. Run it against any deployment:
 *
 * <pre>
 * java PeakViewersExample.java localhost:9092     (with kafka-clients and jackson on the classpath)
 * </pre>
 */
public final class PeakViewersExample {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  public static void main(String[] args) {
    peaks(args.length > 0 ? args[0] : "localhost:9092", "viewer-counts-1m")
        .forEach((stream, peak) -> System.out.println(stream + "\t" + peak));
  }

  /** Stream id to the highest {@code peak} of its minutes on the topic. */
  public static Map<String, Integer> peaks(String bootstrapServers, String topic) {
    Properties config = new Properties();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    // The topology writes in transactions: read only what it committed.
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    Map<String, Integer> peaks = new TreeMap<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(info -> new TopicPartition(topic, info.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
          JsonNode minute = JSON.readTree(record.value());
          peaks.merge(record.key(), minute.get("peak").asInt(), Math::max);
        }
      }
    }
    return peaks;
  }
}
