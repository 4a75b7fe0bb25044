package io.viewercounts.cdc;

import static io.viewercounts.cdc.CaptureFixture.insert;
import static io.viewercounts.cdc.TestInfrastructure.execute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.viewercounts.events.Topics;
import io.viewercounts.events.ViewerCount;
import io.viewercounts.events.ViewerCountJson;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/** The whole cdc app on a real PostgreSQL and Kafka: row updates in, ViewerCount events out. */
class CdcApplicationTest {

  private static final Logger log = LoggerFactory.getLogger(CdcApplicationTest.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String CDC_TOPIC = Topics.cdcTopic(Topics.CDC_TOPIC_PREFIX);

  @TempDir static Path stateDir;

  private static EmbeddedPostgres postgres;
  private static EmbeddedKafkaKraftBroker kafka;
  private static ConfigurableApplicationContext app;
  private static DataSource database;

  @BeforeAll
  static void startApp() {
    postgres = TestInfrastructure.startPostgres("logical");
    kafka = TestInfrastructure.startKafka();
    // The poller's Flyway scripts are on the test classpath: Boot migrates the database at
    // start-up, as the poller would.
    app =
        new SpringApplicationBuilder(CdcApplication.class)
            .run(
                "--spring.datasource.url=" + TestInfrastructure.jdbcUrl(postgres, "postgres"),
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=not-needed-with-trust",
                "--spring.kafka.bootstrap-servers=" + kafka.getBrokersAsString(),
                // A harmless client setting in place of security.protocol, sasl.*, ssl.*
                "--spring.kafka.properties.metric.reporters=" + ClientIdRecorder.class.getName(),
                "--cdc.topology.state-dir=" + stateDir,
                "--server.port=0");
    database = app.getBean(DataSource.class);
    await().atMost(TIMEOUT).until(() -> readiness().statusCode() == 200);
  }

  @AfterAll
  static void stopApp() throws IOException {
    long stopping = System.nanoTime();
    app.close();
    log.info("cdc app stopped in {} ms", (System.nanoTime() - stopping) / 1_000_000);
    kafka.destroy();
    postgres.close();
  }

  @Test
  void readyWhenCaptureAndTopologyAreUp() throws Exception {
    assertThat(readiness().body()).contains("\"status\":\"UP\"");
    assertThat(health("captureHealthIndicator")).isEqualTo(Status.UP);
    assertThat(app.getBean("captureHealthIndicator", HealthIndicator.class).health().getDetails())
        .containsEntry("role", "active");
    assertThat(health("topologyHealthIndicator")).isEqualTo(Status.UP);
  }

  @Test
  void metricsSayThatThisInstanceCapturesAndRunsTheTopology() throws Exception {
    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () ->
                assertThat(get("/actuator/prometheus").body())
                    .contains("viewercounts_cdc_capture_active{slot=\"viewercount\"} 1.0")
                    .contains("viewercounts_cdc_topology_running 1.0")
                    .contains("viewercounts_cdc_topology_fenced_transactions_total 0.0"));
  }

  @Test
  void livenessWatchesTheTopologySinceItDoesNotRestartItself() throws Exception {
    assertThat(get("/actuator/health/liveness").body()).contains("\"topology\"");
  }

  @Test
  void everyKafkaClientGetsTheOperatorsClientSettings() {
    assertThat(ClientIdRecorder.clientIds())
        .contains(
            "viewercount-capture", // the change producer
            "viewercount-capture-check",
            "viewercount-capture-admin", // the offset store's
            "viewercount-capture-offsets") // the offset store's producer and consumer
        .anyMatch(id -> id.startsWith("adminclient-")) // Kafka Connect's cluster id look-up
        .anyMatch(id -> id.startsWith("cdc-admin-")) // Boot's, which creates the topics
        .anyMatch(id -> topologyClient(id, "-StreamThread-1-consumer"))
        .anyMatch(id -> topologyClient(id, "-restore-consumer"))
        .anyMatch(id -> topologyClient(id, "-StreamThread-1-producer"))
        .anyMatch(id -> topologyClient(id, "-admin"));
  }

  @Test
  void createsViewerCountsCompactedAndTheCdcTopicWithRetention() throws Exception {
    Map<String, Object> adminConfig =
        Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBrokersAsString());
    try (Admin admin = Admin.create(adminConfig)) {
      Map<String, TopicDescription> topics =
          admin.describeTopics(List.of(Topics.VIEWER_COUNTS, CDC_TOPIC)).allTopicNames().get();
      Map<ConfigResource, Config> configs =
          admin
              .describeConfigs(List.of(topicConfig(Topics.VIEWER_COUNTS), topicConfig(CDC_TOPIC)))
              .all()
              .get();

      assertThat(topics.get(Topics.VIEWER_COUNTS).partitions()).hasSize(6);
      assertThat(topics.get(CDC_TOPIC).partitions()).hasSize(6);
      assertThat(configValue(configs, Topics.VIEWER_COUNTS, TopicConfig.CLEANUP_POLICY_CONFIG))
          .isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT);
      assertThat(configValue(configs, CDC_TOPIC, TopicConfig.CLEANUP_POLICY_CONFIG))
          .isEqualTo(TopicConfig.CLEANUP_POLICY_DELETE);
      assertThat(configValue(configs, CDC_TOPIC, TopicConfig.RETENTION_MS_CONFIG))
          .isEqualTo(Long.toString(Duration.ofDays(7).toMillis()));
    }
  }

  @Test
  void createsTheMinuteStatisticsTopicLikeViewerCountsButExpiring() throws Exception {
    Map<String, Object> adminConfig =
        Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBrokersAsString());
    try (Admin admin = Admin.create(adminConfig)) {
      TopicDescription topic =
          admin.describeTopics(List.of(Topics.VIEWER_COUNTS_1M)).allTopicNames().get()
              .get(Topics.VIEWER_COUNTS_1M);
      Map<ConfigResource, Config> configs =
          admin.describeConfigs(List.of(topicConfig(Topics.VIEWER_COUNTS_1M))).all().get();

      assertThat(topic.partitions()).hasSize(6);
      assertThat(configValue(configs, Topics.VIEWER_COUNTS_1M, TopicConfig.CLEANUP_POLICY_CONFIG))
          .isEqualTo(TopicConfig.CLEANUP_POLICY_DELETE);
      assertThat(configValue(configs, Topics.VIEWER_COUNTS_1M, TopicConfig.RETENTION_MS_CONFIG))
          .isEqualTo(Long.toString(Duration.ofDays(30).toMillis()));
    }
  }

  @Test
  void updateOfARowAppearsOnViewerCountsKeyedByItsStreamId() {
    try (TopicReader viewerCounts = viewerCounts()) {
      execute(database, insert("live-1", 5));
      ViewerCount created = decode(viewerCounts.await(key("live-1"), TIMEOUT));

      execute(database, "UPDATE streams SET viewer_count = 12 WHERE id = 'live-1'");

      ConsumerRecord<String, String> record = viewerCounts.await(key("live-1"), TIMEOUT);
      ViewerCount updated = decode(record);
      assertThat(record.key()).isEqualTo("live-1");
      assertThat(updated.streamId()).isEqualTo("live-1");
      assertThat(updated.viewerCount()).isEqualTo(12);
      assertThat(updated.isLive()).isTrue();
      assertThat(updated.endedAt()).isNull();
      assertThat(updated.version()).isGreaterThan(created.version());
      assertThat(updated.changedAt()).isAfterOrEqualTo(created.changedAt());
      assertThat(ViewerCountSchema.violations(record.value())).isEmpty();
    }
  }

  @Test
  void updateThatChangesNothingVisibleProducesNothing() {
    try (TopicReader viewerCounts = viewerCounts()) {
      execute(database, insert("quiet-1", 5));
      viewerCounts.await(key("quiet-1"), TIMEOUT);

      execute(database, "UPDATE streams SET updated_at = now() WHERE id = 'quiet-1'");
      execute(database, "UPDATE streams SET name = 'Renamed' WHERE id = 'quiet-1'");
      execute(database, "UPDATE streams SET viewer_count = 6 WHERE id = 'quiet-1'");
      viewerCounts.await(key("quiet-1").and(count(6)), TIMEOUT);

      // One partition holds all of a stream's events in order: anything the invisible updates
      // had produced would have arrived before the count of 6.
      assertThat(viewerCounts.received())
          .filteredOn(key("quiet-1"))
          .extracting(record -> decode(record).viewerCount())
          .containsExactly(5, 6);
    }
  }

  @Test
  void deletedRowBecomesATombstone() {
    try (TopicReader viewerCounts = viewerCounts()) {
      execute(database, insert("gone-1", 3));
      viewerCounts.await(key("gone-1"), TIMEOUT);

      execute(database, "DELETE FROM streams WHERE id = 'gone-1'");

      assertThat(viewerCounts.await(key("gone-1"), TIMEOUT).value()).isNull();
    }
  }

  @Test
  void successiveUpdatesArriveInOrderWithGrowingVersions() {
    try (TopicReader viewerCounts = viewerCounts();
        TopicReader changes = new TopicReader(kafka.getBrokersAsString(), CDC_TOPIC)) {
      execute(database, insert("busy-1", 0));
      viewerCounts.await(key("busy-1"), TIMEOUT);

      List<ViewerCount> received = new ArrayList<>();
      List<Long> toCdcTopicMs = new ArrayList<>();
      List<Long> toViewerCountsMs = new ArrayList<>();
      for (int viewers = 1; viewers <= 10; viewers++) {
        execute(database, "UPDATE streams SET viewer_count = " + viewers + " WHERE id = 'busy-1'");
        long committed = System.nanoTime(); // autocommit: the statement returned committed
        changes.await(change -> change.value().contains("busy-1"), TIMEOUT);
        toCdcTopicMs.add((System.nanoTime() - committed) / 1_000_000);
        received.add(decode(viewerCounts.await(key("busy-1"), TIMEOUT)));
        toViewerCountsMs.add((System.nanoTime() - committed) / 1_000_000);
      }

      // Measured, not asserted: latency targets belong to benchmarks.
      log.info("COMMIT to CDC topic (ms): {}", toCdcTopicMs);
      log.info("COMMIT to viewer-counts (ms): {}", toViewerCountsMs);
      assertThat(received)
          .extracting(ViewerCount::viewerCount)
          .containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
      assertThat(received).extracting(ViewerCount::version).isSorted().doesNotHaveDuplicates();
    }
  }

  private static boolean topologyClient(String clientId, String suffix) {
    return clientId.startsWith("viewercount-topology-") && clientId.endsWith(suffix);
  }

  private static ConfigResource topicConfig(String topic) {
    return new ConfigResource(ConfigResource.Type.TOPIC, topic);
  }

  private static String configValue(
      Map<ConfigResource, Config> configs, String topic, String name) {
    return configs.get(topicConfig(topic)).get(name).value();
  }

  private static TopicReader viewerCounts() {
    return new TopicReader(kafka.getBrokersAsString(), Topics.VIEWER_COUNTS);
  }

  private static Predicate<ConsumerRecord<String, String>> key(String streamId) {
    return record -> streamId.equals(record.key());
  }

  private static Predicate<ConsumerRecord<String, String>> count(int viewers) {
    return record -> record.value() != null && decode(record).viewerCount() == viewers;
  }

  private static ViewerCount decode(ConsumerRecord<String, String> record) {
    return ViewerCountJson.decode(record.value());
  }

  private static Status health(String indicator) {
    return app.getBean(indicator, HealthIndicator.class).health().getStatus();
  }

  private static HttpResponse<String> readiness() throws IOException, InterruptedException {
    return get("/actuator/health/readiness");
  }

  private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
    String port = app.getEnvironment().getProperty("local.server.port");
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
