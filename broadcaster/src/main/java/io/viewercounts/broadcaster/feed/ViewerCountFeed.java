package io.viewercounts.broadcaster.feed;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.viewercounts.broadcaster.fanout.Hub;
import io.viewercounts.events.ViewerCount;
import io.viewercounts.events.ViewerCountJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads the whole {@code viewer-counts} topic into the {@link Hub}, then follows it.
 *
 * <p>It starts from the beginning (the topic holds the latest value of each stream) and reports
 * itself caught up once it has read up to the end offsets found at start, which is when the node's
 * snapshot is complete.
 */
public final class ViewerCountFeed extends TopicFeed {

  private static final String CLIENT_ID = "broadcaster-feed";

  private final Hub hub;
  private final Counter applied;
  private final Counter stale;
  private final Counter tombstones;
  private final Counter conflated;

  /**
   * @param kafkaConfig the client settings (bootstrap servers, security, ...) from Boot's {@code
   *     spring.kafka.*}; see {@link #consumerConfig} for what the feed sets on top
   */
  public ViewerCountFeed(
      Map<String, Object> kafkaConfig, String topic, Hub hub, MeterRegistry registry) {
    super(kafkaConfig, CLIENT_ID, topic, "viewercounts.broadcaster.feed.records", registry);
    this.hub = hub;
    this.applied = recordCounter("applied");
    this.stale = recordCounter("stale");
    this.tombstones = recordCounter("tombstone");
    this.conflated = recordCounter("conflated");
  }

  /** The settings this feed's consumer runs with: see {@link TopicFeed#consumerConfig}. */
  public static Map<String, Object> consumerConfig(Map<String, Object> kafkaConfig) {
    return TopicFeed.consumerConfig(kafkaConfig, CLIENT_ID);
  }

  @Override
  protected void seekStart(KafkaConsumer<String, byte[]> kafka, List<TopicPartition> partitions) {
    kafka.seekToBeginning(partitions);
  }

  @Override
  protected String loadedSummary() {
    return hub.all().size() + " streams known";
  }

  /**
   * Publishes the valid values of a poll as one batch, so the hub can fan out values of different
   * streams in parallel. Of several values of one stream in the batch only the newest is fanned
   * out: a viewer count is state, and the contract lets a client skip intermediate values as long
   * as the latest arrives, so a node behind the topic catches up with one delivery per stream. A
   * tombstone first publishes the values before it: order within a stream is kept.
   */
  @Override
  protected void apply(ConsumerRecords<String, byte[]> records) {
    Map<String, ViewerCount> batch = new LinkedHashMap<>();
    for (ConsumerRecord<String, byte[]> record : records) {
      if (record.value() == null) {
        publish(batch);
        forget(record);
      } else {
        ViewerCount count = decode(record, ViewerCountJson::decode, ViewerCount::streamId);
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
}
