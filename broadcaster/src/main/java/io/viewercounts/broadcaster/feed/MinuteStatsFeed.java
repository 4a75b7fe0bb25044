package io.viewercounts.broadcaster.feed;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.viewercounts.broadcaster.fanout.Hub;
import io.viewercounts.events.MinuteStats;
import io.viewercounts.events.MinuteStatsJson;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads the recent minutes of {@code viewer-counts-1m} into the {@link Hub}'s histories, then
 * follows the topic as minutes close.
 *
 * <p>It starts at the first record of the history window (a record's timestamp is its minute's
 * end), so a node that starts knows the last minutes of every live stream once loaded. Histories
 * are an addition to the counts, not needed for them: the node's readiness does not wait for this
 * feed, and a node whose cdc does not write the topic yet simply has no histories.
 */
public final class MinuteStatsFeed extends TopicFeed {

  private static final String CLIENT_ID = "broadcaster-history";

  private final Hub hub;
  private final Duration window;
  private final Clock clock;
  private final Counter applied;
  private final Counter old;
  private long nextForgetAt;

  public MinuteStatsFeed(
      Map<String, Object> kafkaConfig,
      String topic,
      Hub hub,
      MeterRegistry registry,
      Clock clock) {
    super(kafkaConfig, CLIENT_ID, topic, "viewercounts.broadcaster.history.records", registry);
    this.hub = hub;
    this.window = Duration.ofMinutes(hub.historyMinutes());
    this.clock = clock;
    this.applied = recordCounter("applied");
    this.old = recordCounter("old");
  }

  /** Each partition at its first record whose minute ended within the window, or at its end. */
  @Override
  protected void seekStart(KafkaConsumer<String, byte[]> kafka, List<TopicPartition> partitions) {
    long windowStart = clock.instant().minus(window).toEpochMilli();
    Map<TopicPartition, Long> times = new HashMap<>();
    partitions.forEach(partition -> times.put(partition, windowStart));
    Map<TopicPartition, OffsetAndTimestamp> found = kafka.offsetsForTimes(times);
    Map<TopicPartition, Long> ends = kafka.endOffsets(partitions);
    for (TopicPartition partition : partitions) {
      OffsetAndTimestamp first = found.get(partition);
      kafka.seek(partition, first == null ? ends.get(partition) : first.offset());
    }
  }

  @Override
  protected String loadedSummary() {
    return applied.count() + " minutes read";
  }

  /**
   * Adds each valid minute to its stream's history; once a minute, forgets the histories of
   * streams no longer live within the window, so memory holds only the streams live lately.
   */
  @Override
  protected void apply(ConsumerRecords<String, byte[]> records) {
    for (ConsumerRecord<String, byte[]> record : records) {
      MinuteStats stats =
          record.value() == null
              ? skipTombstone(record)
              : decode(record, MinuteStatsJson::decode, MinuteStats::streamId);
      if (stats != null) {
        (hub.publishMinute(stats) ? applied : old).increment();
      }
    }
    long now = clock.millis();
    if (now >= nextForgetAt) {
      hub.forgetHistoriesEndedBefore(Instant.ofEpochMilli(now));
      nextForgetAt = now + Duration.ofMinutes(1).toMillis();
    }
  }

  private MinuteStats skipTombstone(ConsumerRecord<String, byte[]> record) {
    skipMalformed(record, "no value: the topic has no tombstones");
    return null;
  }
}
