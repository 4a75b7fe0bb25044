package io.viewercounts.broadcaster.feed;

import static io.viewercounts.broadcaster.fanout.Minutes.HOUR;
import static io.viewercounts.broadcaster.fanout.Minutes.minute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.viewercounts.broadcaster.fanout.Hub;
import io.viewercounts.broadcaster.feed.TopicFeed.Phase;
import io.viewercounts.events.MinuteStats;
import io.viewercounts.events.MinuteStatsJson;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

class MinuteStatsFeedTest {

  private static final Duration LOADED = Duration.ofSeconds(30);
  /** The feed's now: 40 minutes into the hour, so its 30-minute window starts at minute 10. */
  private static final Clock NOW = Clock.fixed(HOUR.plusSeconds(40 * 60), ZoneOffset.UTC);

  private static EmbeddedKafkaKraftBroker kafka;
  private static KafkaProducer<String, byte[]> producer;

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final Hub hub = new Hub(registry);
  private final String topic = "viewer-counts-1m-" + UUID.randomUUID();
  private MinuteStatsFeed feed;

  @BeforeAll
  static void startKafka() {
    kafka = new EmbeddedKafkaKraftBroker(1, 2);
    kafka.afterPropertiesSet();
    producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBrokersAsString(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
  }

  @AfterAll
  static void stopKafka() {
    producer.close();
    kafka.destroy();
  }

  @AfterEach
  void stopFeed() {
    if (feed != null) {
      feed.close();
    }
  }

  @Test
  void loadsTheMinutesOfTheWindowThenFollowsTheTopic() {
    createTopic();
    produce(minute("ended-long-ago", 0, 9, 9));
    produce(minute("live", 12, 5, 4));
    produce(minute("live", 39, 7, 6));

    startFeed();
    await().atMost(LOADED).until(() -> feed.phase() == Phase.FOLLOWING);

    assertThat(hub.currentHistory("ended-long-ago")).isNull();
    assertThat(hub.currentHistory("live").start()).isEqualTo(HOUR.plusSeconds(12 * 60));
    assertThat(hub.currentHistory("live").minutes()).isEqualTo(28);

    produce(minute("live", 40, 8, 8));
    await().atMost(LOADED).until(() -> hub.currentHistory("live").minutes() == 29);
  }

  @Test
  void skipsAndCountsWhatIsNotAMinuteOfTheStreamItsKeyNames() {
    createTopic();
    produce("x", "not json".getBytes());
    produce("x", null);
    produce("someone-else", MinuteStatsJson.encodeToBytes(minute("x", 39, 1, 1)));
    produce(minute("x", 39, 2, 2));

    startFeed();
    await().atMost(LOADED).until(() -> feed.phase() == Phase.FOLLOWING);

    assertThat(hub.currentHistory("x").peak(0)).isEqualTo(2);
    assertThat(records("malformed")).isEqualTo(3);
    assertThat(records("applied")).isEqualTo(1);
  }

  @Test
  void waitingForItsTopicNeverTakesTheNodeOutOfService() {
    startFeed();

    assertThat(feed.phase()).isEqualTo(Phase.WAITING_FOR_TOPIC);
    assertThat(new HistoryHealthIndicator(feed).health().getStatus()).isEqualTo(Status.UP);
  }

  private void startFeed() {
    feed =
        new MinuteStatsFeed(
            Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBrokersAsString()),
            topic,
            hub,
            registry,
            NOW);
    feed.start();
  }

  private double records(String outcome) {
    return registry
        .get("viewercounts.broadcaster.history.records")
        .tag("outcome", outcome)
        .counter()
        .count();
  }

  private void createTopic() {
    kafka.addTopics(new NewTopic(topic, 2, (short) 1));
  }

  /** As the topology writes it: timestamped with the minute's end. */
  private void produce(MinuteStats stats) {
    send(
        new ProducerRecord<>(
            topic,
            null,
            stats.windowEnd().toEpochMilli(),
            stats.streamId(),
            MinuteStatsJson.encodeToBytes(stats)));
  }

  private void produce(String key, byte[] value) {
    send(new ProducerRecord<>(topic, null, NOW.millis(), key, value));
  }

  private static void send(ProducerRecord<String, byte[]> record) {
    try {
      producer.send(record).get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
