package io.viewercounts.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.viewercounts.standalone.infrastructure.EmbeddedDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import tools.jackson.databind.JsonNode;

/**
 * PostgreSQL, Kafka, the capture, the topology and the broadcaster together, with rows written by
 * the test instead of the poller: what a browser sees when a row of {@code streams} changes.
 */
class PipelineEndToEndTest {

  private static final Logger log = LoggerFactory.getLogger(PipelineEndToEndTest.class);
  private static final Duration PATIENCE = Duration.ofSeconds(30);

  private static EmbeddedDatabase database;
  private static EmbeddedKafkaKraftBroker kafka;
  private static ConfigurableApplicationContext pipeline;
  private static int port;

  @TempDir static Path topologyState;

  @BeforeAll
  static void startPipeline() {
    database = EmbeddedDatabase.start(0);
    kafka = new EmbeddedKafkaKraftBroker(1, 1);
    // The topology writes in transactions: one broker must be enough for the transaction log.
    kafka.brokerProperties(
        Map.of("transaction.state.log.replication.factor", "1", "transaction.state.log.min.isr", "1"));
    // By default the broker publishes its address as the system property spring.kafka.bootstrap-servers,
    // which would outlive this class and outrank the configuration of later tests in this JVM.
    kafka.brokerListProperty(EmbeddedKafkaBroker.SPRING_EMBEDDED_KAFKA_BROKERS);
    kafka.afterPropertiesSet();
    pipeline =
        StandaloneApplication.application()
            .run(
                "--spring.datasource.url=" + database.jdbcUrl(),
                "--spring.datasource.username=" + database.username(),
                "--kafka.bootstrap-servers=" + kafka.getBrokersAsString(),
                "--cdc.topology.state-dir=" + topologyState,
                "--poller.enabled=false",
                "--server.port=0",
                "--management.server.port=0");
    port = Integer.parseInt(pipeline.getEnvironment().getProperty("local.server.port"));
  }

  @AfterAll
  static void stopPipeline() throws Exception {
    if (pipeline != null) {
      pipeline.close();
    }
    if (kafka != null) {
      kafka.destroy();
    }
    if (database != null) {
      database.close();
    }
  }

  @Test
  void aSubscriberSeesTheCurrentCountThenEveryChange() throws Exception {
    execute("insert into streams (id, playback_id, name, is_live, viewer_count) values ('e2e-a', 'pb-a', 'A', true, 5)");
    try (WebSocketTestClient client = WebSocketTestClient.connect(port)) {
      client.subscribe("e2e-a");
      assertThat(client.next(PATIENCE).message().get("type").asText()).isEqualTo("subscribed");
      JsonNode first = client.nextMatching(count("e2e-a", 5), PATIENCE).message();

      long committedAt = executeAndTime("update streams set viewer_count = 6 where id = 'e2e-a'");
      WebSocketTestClient.Received changed = client.nextMatching(count("e2e-a", 6), PATIENCE);

      assertThat(changed.message().get("version").asLong()).isGreaterThan(first.get("version").asLong());
      assertThat(changed.message().get("isLive").asBoolean()).isTrue();
      log.info("UPDATE commit to WebSocket receipt: {} ms",
          Duration.ofNanos(changed.receivedAtNanos() - committedAt).toMillis());
    }
  }

  @Test
  void aChangeNobodySeesIsNotDeliveredAndARenameIs() throws Exception {
    execute("insert into streams (id, playback_id, name, is_live, viewer_count) values ('e2e-b', 'pb-b', 'B', true, 1)");
    try (WebSocketTestClient client = WebSocketTestClient.connect(port)) {
      client.subscribe("e2e-b");
      assertThat(client.nextMatching(count("e2e-b", 1), PATIENCE).message().get("name").asText())
          .isEqualTo("B");

      execute("update streams set updated_at = now() where id = 'e2e-b'");
      execute("update streams set name = 'B renamed' where id = 'e2e-b'");

      JsonNode next = client.next(PATIENCE).message();
      assertThat(next.get("type").asText()).isEqualTo("viewer_count");
      assertThat(next.get("name").asText()).isEqualTo("B renamed");
      assertThat(next.get("viewerCount").asInt()).isEqualTo(1);
    }
  }

  private static Predicate<JsonNode> count(String streamId, int viewers) {
    return message ->
        "viewer_count".equals(message.path("type").asText())
            && streamId.equals(message.path("streamId").asText())
            && message.path("viewerCount").asInt() == viewers;
  }

  private static void execute(String sql) throws SQLException {
    executeAndTime(sql);
  }

  /** Runs one autocommitted statement and returns when its COMMIT returned, in nanoTime. */
  private static long executeAndTime(String sql) throws SQLException {
    try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.username(), "")) {
      connection.createStatement().execute(sql);
      return System.nanoTime();
    }
  }
}
