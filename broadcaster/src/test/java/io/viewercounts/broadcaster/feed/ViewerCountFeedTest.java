package io.viewercounts.broadcaster.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.viewercounts.broadcaster.fanout.Hub;
import io.viewercounts.broadcaster.feed.TopicFeed.Phase;
import io.viewercounts.events.ViewerCount;
import io.viewercounts.events.ViewerCountJson;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

class ViewerCountFeedTest {

  private static final Duration LOADED = Duration.ofSeconds(30);

  private static EmbeddedKafkaKraftBroker kafka;
  private static KafkaProducer<String, String> producer;

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final Hub hub = new Hub(registry);
  private final String topic = "viewer-counts-" + UUID.randomUUID();
  private final List<ViewerCountFeed> feeds = new ArrayList<>();

  @BeforeAll
  static void startKafka() {
    kafka = new EmbeddedKafkaKraftBroker(1, 2);
    kafka.brokerProperty("transaction.state.log.replication.factor", "1");
    kafka.brokerProperty("transaction.state.log.min.isr", "1");
    kafka.afterPropertiesSet();
    producer = new KafkaProducer<>(producerConfig(Map.of()));
  }

  @AfterAll
  static void stopKafka() {
    producer.close();
    kafka.destroy();
  }

  @AfterEach
  void stopFeeds() {
    feeds.forEach(ViewerCountFeed::close);
  }

  @Test
  void consumerConfigReadsEveryPartitionWithoutAGroup() {
    Map<String, Object> config =
        ViewerCountFeed.consumerConfig(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "kafka:9092",
                ConsumerConfig.GROUP_ID_CONFIG, "someone-elses-group",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted"));

    assertThat(config)
        .doesNotContainKey(ConsumerConfig.GROUP_ID_CONFIG)
        .containsEntry(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "kafka:9092")
        .containsEntry(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")
        .containsEntry(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false)
        .containsEntry(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false)
        .containsEntry(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50)
        .containsEntry(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
  }

  @Test
  void isOutOfServiceUntilTheTopicExistsAndIsRead() {
    ViewerCountFeed feed = started();
    FeedHealthIndicator health = new FeedHealthIndicator(feed);

    assertThat(health.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
    assertThat(feed.phase()).isEqualTo(Phase.WAITING_FOR_TOPIC);

    createTopic();
    await().atMost(LOADED).until(() -> health.health().getStatus().equals(Status.UP));
  }

  @Test
  void isUpOnlyOnceEveryValueWrittenBeforeStartIsLoaded() {
    createTopic();
    for (int version = 1; version <= 500; version++) {
      produce("stream-" + version % 20, count("stream-" + version % 20, version, version));
    }

    ViewerCountFeed feed = started();
    await().atMost(LOADED).until(() -> feed.phase() == Phase.FOLLOWING);

    assertThat(hub.all()).hasSize(20);
    assertThat(hub.current("stream-0").orElseThrow().version()).isEqualTo(500);
    assertThat(hub.current("stream-19").orElseThrow().version()).isEqualTo(499);
  }

  @Test
  void followsChangesAfterLoadingAndIgnoresLowerVersions() {
    createTopic();
    ViewerCountFeed feed = started();
    await().atMost(LOADED).until(() -> feed.phase() == Phase.FOLLOWING);

    produce("a", count("a", 7, 10));
    produce("a", count("a", 3, 9));
    await().atMost(LOADED).until(() -> records("stale") == 1); // same key: read in order

    assertThat(hub.current("a").orElseThrow().viewerCount()).isEqualTo(7);
    assertThat(records("applied")).isEqualTo(1);
  }

  @Test
  void fansOutOnlyTheNewestOfManyValuesOfAStreamReadInOnePoll() {
    createTopic();
    for (int version = 1; version <= 50; version++) {
      produce("burst", count("burst", version, version));
    }

    ViewerCountFeed feed = started();
    await().atMost(LOADED).until(() -> feed.phase() == Phase.FOLLOWING);

    assertThat(hub.current("burst").orElseThrow().version()).isEqualTo(50);
    assertThat(records("applied")).isLessThan(50);
    assertThat(records("applied") + records("conflated")).isEqualTo(50);
  }

  @Test
  void skipsAndCountsMalformedValues() {
    createTopic();
    produce("a", "not json");
    produce("a", "{\"streamId\":\"a\",\"viewerCount\":-1,\"isLive\":true,\"version\":1}");
    produce("a", count("b", 1, 1)); // the key must be the value's stream
    produce("a", count("a", 4, 2));

    ViewerCountFeed feed = started();
    await().atMost(LOADED).until(() -> feed.phase() == Phase.FOLLOWING);

    assertThat(records("malformed")).isEqualTo(3);
    assertThat(hub.current("a").orElseThrow().viewerCount()).isEqualTo(4);
    assertThat(hub.current("b")).isEmpty();
  }

  @Test
  void aTombstoneForgetsTheStream() {
    createTopic();
    produce("a", count("a", 4, 2));
    produce("a", null);

    ViewerCountFeed feed = started();
    await().atMost(LOADED).until(() -> feed.phase() == Phase.FOLLOWING);

    assertThat(hub.current("a")).isEmpty();
    assertThat(records("tombstone")).isEqualTo(1);
  }

  @Test
  void aValueAfterATombstoneIsKeptAndOneBeforeItIsNot() {
    createTopic();
    produce("a", count("a", 4, 2));
    produce("a", null);
    produce("a", count("a", 6, 3));
    produce("b", count("b", 1, 1));
    produce("b", null);

    ViewerCountFeed feed = started();
    await().atMost(LOADED).until(() -> feed.phase() == Phase.FOLLOWING);

    assertThat(hub.current("a").orElseThrow().viewerCount()).isEqualTo(6);
    assertThat(hub.current("b")).isEmpty();
  }

  @Test
  void valuesOfAbortedTransactionsAreNeverRead() {
    createTopic();
    try (KafkaProducer<String, String> transactional =
        new KafkaProducer<>(
            producerConfig(Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "feed-test-" + topic)))) {
      transactional.initTransactions();
      transactional.beginTransaction();
      transactional.send(new ProducerRecord<>(topic, "a", count("a", 666, 2)));
      transactional.abortTransaction();
      transactional.beginTransaction();
      transactional.send(new ProducerRecord<>(topic, "a", count("a", 5, 1)));
      transactional.commitTransaction();
    }

    ViewerCountFeed feed = started();
    await().atMost(LOADED).until(() -> feed.phase() == Phase.FOLLOWING);

    assertThat(hub.current("a").orElseThrow().viewerCount()).isEqualTo(5);
  }

  @Test
  void closeStopsTheFeed() {
    createTopic();
    ViewerCountFeed feed = started();
    await().atMost(LOADED).until(() -> feed.phase() == Phase.FOLLOWING);

    feed.close();

    assertThat(feed.phase()).isEqualTo(Phase.STOPPED);
    assertThat(new FeedHealthIndicator(feed).health().getStatus()).isEqualTo(Status.DOWN);
  }

  private ViewerCountFeed started() {
    ViewerCountFeed feed =
        new ViewerCountFeed(
            Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBrokersAsString()),
            topic,
            hub,
            registry);
    feeds.add(feed);
    feed.start();
    return feed;
  }

  private double records(String outcome) {
    return registry
        .get("viewercounts.broadcaster.feed.records")
        .tag("outcome", outcome)
        .counter()
        .count();
  }

  private void createTopic() {
    kafka.addTopics(new NewTopic(topic, 2, (short) 1));
  }

  private void produce(String key, String value) {
    try {
      producer.send(new ProducerRecord<>(topic, key, value)).get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String count(String streamId, int viewers, long version) {
    return ViewerCountJson.encode(new ViewerCount(streamId, null, viewers, true, null, version, null));
  }

  private static Map<String, Object> producerConfig(Map<String, Object> extra) {
    Map<String, Object> config = new HashMap<>(extra);
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBrokersAsString());
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    return config;
  }
}
