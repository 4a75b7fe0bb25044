package io.viewercounts.cdc.capture;

import static io.viewercounts.cdc.TestInfrastructure.execute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.viewercounts.cdc.CdcDefaults;
import io.viewercounts.cdc.CdcProperties;
import io.viewercounts.cdc.CdcProperties.CaptureProperties;
import io.viewercounts.cdc.CdcProperties.TopicsProperties;
import io.viewercounts.cdc.TestInfrastructure;
import io.viewercounts.cdc.TopicReader;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The capture against a real PostgreSQL (logical decoding) and a real Kafka broker. */
class ChangeCaptureIntegrationTest {

  private static final Logger log = LoggerFactory.getLogger(ChangeCaptureIntegrationTest.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final CdcProperties DEFAULTS = CdcDefaults.load();

  private static EmbeddedPostgres postgres;
  private static EmbeddedKafkaKraftBroker kafka;

  @BeforeAll
  static void startInfrastructure() {
    postgres = TestInfrastructure.startPostgres("logical");
    kafka = TestInfrastructure.startKafka();
  }

  @AfterAll
  static void stopInfrastructure() throws IOException {
    kafka.destroy();
    postgres.close();
  }

  @Test
  void insertAndUpdateArriveInCommitOrderWithGrowingLsn() {
    Setup setup = setup("first");
    try (ChangeCapture capture = setup.newCapture();
        TopicReader cdc = setup.reader()) {
      capture.start();
      awaitRunning(capture);

      execute(setup.database(), insert("s1", 3));
      execute(setup.database(), "UPDATE streams SET viewer_count = 4 WHERE id = 's1'");

      ConsumerRecord<String, String> inserted = cdc.await(change("c", "s1", 3), TIMEOUT);
      ConsumerRecord<String, String> updated = cdc.await(change("u", "s1", 4), TIMEOUT);
      assertThat(json(inserted.key()).path("id").stringValue()).isEqualTo("s1");
      assertThat(lsn(updated)).isGreaterThan(lsn(inserted));
      assertThat(json(updated.value()).path("after").path("is_live").booleanValue()).isTrue();
    }
  }

  @Test
  void restartResumesFromOffsetsInKafkaWithoutNewSnapshotOrLostChange() {
    Setup setup = setup("restart");
    execute(setup.database(), insert("a", 1));
    try (TopicReader cdc = setup.reader()) {
      try (ChangeCapture first = setup.newCapture()) {
        first.start();
        cdc.await(change("r", "a", 1), TIMEOUT);
        execute(setup.database(), "UPDATE streams SET viewer_count = 2 WHERE id = 'a'");
        cdc.await(change("u", "a", 2), TIMEOUT);
        long stopping = System.nanoTime();
        first.close();
        log.info("Capture stopped in {} ms", (System.nanoTime() - stopping) / 1_000_000);
      }

      execute(setup.database(), "UPDATE streams SET viewer_count = 3 WHERE id = 'a'");
      execute(setup.database(), insert("b", 10));

      try (ChangeCapture second = setup.newCapture()) {
        second.start();
        execute(setup.database(), "UPDATE streams SET viewer_count = 11 WHERE id = 'b'");
        cdc.await(change("u", "b", 11), TIMEOUT);
      }

      List<ConsumerRecord<String, String>> all = cdc.received();
      assertThat(all)
          .extracting(ChangeCaptureIntegrationTest::summary)
          .containsExactly("r a 1", "u a 2", "u a 3", "c b 10", "u b 11");
      assertThat(all).extracting(ChangeCaptureIntegrationTest::lsn).isSorted();
    }
  }

  @Test
  void closedCaptureLeavesNoKafkaClientBehind() {
    Setup setup = setup("closing");
    try (ChangeCapture capture = setup.newCapture()) {
      capture.start();
      awaitRunning(capture);
    }

    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () ->
                assertThat(Thread.getAllStackTraces().keySet())
                    .extracting(Thread::getName)
                    .noneMatch(name -> name.contains("viewercount-capture")));
  }

  /** One capture of its own database, with its own slot, publication, offsets and CDC topic. */
  private record Setup(
      String name, DataSource database, CaptureProperties capture, TopicsProperties topics) {

    ChangeCapture newCapture() {
      DatabaseConnection connection =
          new DatabaseConnection(TestInfrastructure.jdbcUrl(postgres, name), "postgres", null);
      String bootstrapServers = kafka.getBrokersAsString();
      return new ChangeCapture(
          new CaptureStartupCheck(database),
          CaptureConfig.engine(connection, capture, topics, bootstrapServers),
          CaptureConfig.producer(bootstrapServers),
          capture);
    }

    TopicReader reader() {
      return new TopicReader(kafka.getBrokersAsString(), topics.cdcTopic());
    }
  }

  private static Setup setup(String name) {
    DataSource database = TestInfrastructure.createMigratedDatabase(postgres, name);
    CaptureProperties defaults = DEFAULTS.capture();
    CaptureProperties capture =
        new CaptureProperties(
            name,
            name + "_streams",
            name + "-offsets",
            defaults.pollInterval(),
            defaults.offsetFlushInterval(),
            defaults.sendTimeout(),
            defaults.shutdownTimeout());
    TopicsProperties topics =
        new TopicsProperties(
            name,
            DEFAULTS.topics().viewerCounts(),
            1,
            (short) -1,
            DEFAULTS.topics().cdcRetention());
    kafka.addTopics(new NewTopic(topics.cdcTopic(), 1, (short) 1));
    return new Setup(name, database, capture, topics);
  }

  private static void awaitRunning(ChangeCapture capture) {
    await()
        .atMost(TIMEOUT)
        .until(
            () -> {
              CaptureStatus.Snapshot status = capture.status();
              if (status.phase() == CaptureStatus.Phase.FAILED) {
                throw new AssertionError("capture failed: " + status.detail());
              }
              return status.isUp();
            });
  }

  private static String insert(String id, int viewers) {
    return "INSERT INTO streams (id, playback_id, name, is_live, viewer_count) VALUES ('"
        + id
        + "', 'pb-"
        + id
        + "', 'Stream "
        + id
        + "', true, "
        + viewers
        + ")";
  }

  private static Predicate<ConsumerRecord<String, String>> change(
      String op, String id, int viewers) {
    return record -> summary(record).equals(op + " " + id + " " + viewers);
  }

  /** "op id viewer_count" of a change event. */
  private static String summary(ConsumerRecord<String, String> record) {
    JsonNode event = json(record.value());
    JsonNode after = event.path("after");
    return event.path("op").stringValue()
        + " "
        + after.path("id").stringValue()
        + " "
        + after.path("viewer_count").intValue();
  }

  private static long lsn(ConsumerRecord<String, String> record) {
    return json(record.value()).path("source").path("lsn").longValue();
  }

  private static JsonNode json(String text) {
    return JSON.readTree(text);
  }
}
