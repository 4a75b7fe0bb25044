package io.viewercounts.cdc.capture;

import static io.viewercounts.cdc.CaptureFixture.awaitRunning;
import static io.viewercounts.cdc.CaptureFixture.insert;
import static io.viewercounts.cdc.TestInfrastructure.execute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.viewercounts.cdc.CaptureFixture;
import io.viewercounts.cdc.CaptureServers;
import io.viewercounts.cdc.TopicReader;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The capture against a real PostgreSQL (logical decoding) and a real Kafka broker. */
class ChangeCaptureIntegrationTest {

  private static final Logger log = LoggerFactory.getLogger(ChangeCaptureIntegrationTest.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @RegisterExtension static final CaptureServers servers = CaptureServers.postgresAndKafka();

  @Test
  void insertAndUpdateArriveInCommitOrderWithGrowingLsn() {
    CaptureFixture setup = servers.fixture("first", 1);
    try (ChangeCapture capture = setup.newCapture();
        TopicReader cdc = setup.cdcReader()) {
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
  void changeEventsCarryOnlyTheColumnsTheTopologyReads() {
    CaptureFixture setup = servers.fixture("columns", 1);
    try (ChangeCapture capture = setup.newCapture();
        TopicReader cdc = setup.cdcReader()) {
      capture.start();
      awaitRunning(capture);

      execute(setup.database(), insert("s1", 3));
      execute(setup.database(), "UPDATE streams SET name = 'renamed' WHERE id = 's1'");

      cdc.await(change("c", "s1", 3), TIMEOUT);
      JsonNode renamed = json(cdc.await(change("u", "s1", 3), TIMEOUT).value()).path("after");
      assertThat(renamed.propertyNames())
          .containsExactlyInAnyOrder("id", "name", "viewer_count", "is_live", "ended_at");
      assertThat(renamed.path("name").stringValue()).isEqualTo("renamed");
    }
  }

  @Test
  void restartResumesFromOffsetsInKafkaWithoutNewSnapshotOrLostChange() {
    CaptureFixture setup = servers.fixture("restart", 1);
    execute(setup.database(), insert("a", 1));
    try (TopicReader cdc = setup.cdcReader()) {
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

      // At least once: Debezium commits on stop what its last batch had marked processed, and a
      // stop can overtake that batch, which then comes again (the topology drops it by version).
      List<ConsumerRecord<String, String>> all = cdc.received();
      assertThat(all)
          .extracting(ChangeCaptureIntegrationTest::summary)
          .containsSubsequence("r a 1", "u a 2", "u a 3", "c b 10", "u b 11")
          .filteredOn(change -> change.startsWith("r "))
          .hasSize(1);
      assertThat(all.stream().map(ChangeCaptureIntegrationTest::summary).distinct())
          .containsExactly("r a 1", "u a 2", "u a 3", "c b 10", "u b 11");
      assertThat(all).extracting(ChangeCaptureIntegrationTest::lsn).isSorted();
    }
  }

  @Test
  void closedCaptureLeavesNoKafkaClientBehind() {
    CaptureFixture setup = servers.fixture("closing", 1);
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

  @Test
  void heartbeatsMoveTheSlotWhileStreamsIsQuietAndAnotherTableIsBusy() {
    CaptureFixture setup = servers.fixture("quiet", 1);
    execute(setup.database(), "CREATE TABLE busy (id serial PRIMARY KEY, payload text)");
    try (ChangeCapture capture = setup.newCapture()) {
      capture.start();
      awaitRunning(capture);

      for (int i = 0; i < 5; i++) {
        execute(
            setup.database(),
            "INSERT INTO busy (payload) SELECT repeat('x', 200) FROM generate_series(1, 5000)");
      }
      long busyWritten = currentWalPosition(setup.database());

      await()
          .atMost(TIMEOUT)
          .until(() -> confirmedPosition(setup.database(), "quiet") >= busyWritten);
    }
    try (TopicReader cdc = setup.cdcReader()) {
      // The heartbeat row's changes moved the slot, but none of them went to Kafka.
      assertThat(cdc.readFor(Duration.ofSeconds(2))).isEmpty();
    }
    assertThat(servers.kafka().getTopics()).noneMatch(topic -> topic.contains("heartbeat"));
  }

  private static long currentWalPosition(DataSource database) {
    return queryLong(database, "SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint");
  }

  private static long confirmedPosition(DataSource database, String slot) {
    return queryLong(
        database,
        "SELECT coalesce(pg_wal_lsn_diff(confirmed_flush_lsn, '0/0'), 0)::bigint"
            + " FROM pg_replication_slots WHERE slot_name = '"
            + slot
            + "'");
  }

  private static long queryLong(DataSource database, String sql) {
    try (Connection connection = database.getConnection();
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      return result.next() ? result.getLong(1) : 0;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
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
