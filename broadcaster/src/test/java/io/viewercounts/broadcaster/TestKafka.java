package io.viewercounts.broadcaster;

import io.viewercounts.events.MinuteStats;
import io.viewercounts.events.MinuteStatsJson;
import io.viewercounts.events.Topics;
import io.viewercounts.events.ViewerCount;
import io.viewercounts.events.ViewerCountJson;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * An in-process Kafka with the viewer-counts and viewer-counts-1m topics, and a producer of their
 * values.
 */
final class TestKafka implements AutoCloseable {

  private final EmbeddedKafkaKraftBroker broker;
  private final KafkaProducer<String, String> producer;

  private TestKafka() {
    broker = new EmbeddedKafkaKraftBroker(1, 2);
    broker.afterPropertiesSet();
    broker.addTopics(
        new NewTopic(Topics.VIEWER_COUNTS, 2, (short) 1),
        new NewTopic(Topics.VIEWER_COUNTS_1M, 2, (short) 1));
    producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
  }

  static TestKafka start() {
    return new TestKafka();
  }

  String bootstrapServers() {
    return broker.getBrokersAsString();
  }

  /** Writes the value and waits until Kafka has it. */
  void produce(ViewerCount count) {
    await(record(count));
  }

  /** Writes a closed minute and waits until Kafka has it. */
  void produce(MinuteStats stats) {
    await(record(stats));
  }

  private void await(ProducerRecord<String, String> record) {
    try {
      producer.send(record).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Writes a closed minute without waiting; {@link #flush} waits for all of them. */
  void send(MinuteStats stats) {
    producer.send(record(stats));
  }

  /** Writes the value without waiting; {@link #flush} waits for all of them. */
  void send(ViewerCount count) {
    producer.send(record(count));
  }

  void flush() {
    producer.flush();
  }

  /** A live stream's value, without a name. */
  static ViewerCount count(String streamId, int viewers, long version) {
    return new ViewerCount(streamId, null, viewers, true, null, version, null);
  }

  /** A live stream's value, named. */
  static ViewerCount live(String streamId, String name, int viewers, long version) {
    return new ViewerCount(streamId, name, viewers, true, null, version, null);
  }

  /** An ended stream's value. */
  static ViewerCount ended(String streamId, String name, Instant endedAt, long version) {
    return new ViewerCount(streamId, name, 0, false, endedAt, version, null);
  }

  @Override
  public void close() {
    producer.close();
    broker.destroy();
  }

  /** As the topology writes a minute: timestamped with its end. */
  private static ProducerRecord<String, String> record(MinuteStats stats) {
    return new ProducerRecord<>(
        Topics.VIEWER_COUNTS_1M,
        null,
        stats.windowEnd().toEpochMilli(),
        stats.streamId(),
        new String(MinuteStatsJson.encodeToBytes(stats), StandardCharsets.UTF_8));
  }

  private static ProducerRecord<String, String> record(ViewerCount count) {
    return new ProducerRecord<>(
        Topics.VIEWER_COUNTS, count.streamId(), ViewerCountJson.encode(count));
  }
}
