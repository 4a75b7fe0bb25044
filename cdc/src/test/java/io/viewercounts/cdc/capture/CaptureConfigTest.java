package io.viewercounts.cdc.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.viewercounts.cdc.CdcDefaults;
import io.viewercounts.cdc.CdcProperties;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class CaptureConfigTest {

  private final CdcProperties defaults = CdcDefaults.load();

  private Properties engine(DatabaseConnection database) {
    return CaptureConfig.engine(
        database, defaults.capture(), defaults.topics(), "kafka-1:9092,kafka-2:9092");
  }

  private Properties engine() {
    return engine(
        new DatabaseConnection(
            "jdbc:postgresql://db.example:6543/viewercounts?sslmode=require", "cdc", "secret"));
  }

  @Test
  void mapsTheJdbcUrlAndCredentialsToTheConnector() {
    assertThat(engine())
        .containsEntry("connector.class", "io.debezium.connector.postgresql.PostgresConnector")
        .containsEntry("database.hostname", "db.example")
        .containsEntry("database.port", "6543")
        .containsEntry("database.dbname", "viewercounts")
        .containsEntry("database.user", "cdc")
        .containsEntry("database.password", "secret")
        .containsEntry("database.sslmode", "require");
  }

  @Test
  void urlWithoutPortUsesPostgresDefaultPortAndNoPasswordIsLeftOut() {
    Properties engine =
        engine(new DatabaseConnection("jdbc:postgresql://db.example/viewercounts", "cdc", null));

    assertThat(engine)
        .containsEntry("database.port", "5432")
        .doesNotContainKey("database.password");
  }

  @Test
  void capturesTheStreamsAndHeartbeatTablesThroughAFilteredPgoutputPublication() {
    assertThat(engine())
        .containsEntry("plugin.name", "pgoutput")
        .containsEntry("publication.autocreate.mode", "filtered")
        .containsEntry("publication.name", "viewercount_streams")
        .containsEntry("table.include.list", "public.streams,public.cdc_heartbeat")
        .containsEntry("snapshot.include.collection.list", "public.streams")
        .containsEntry("slot.name", "viewercount")
        .containsEntry("name", "viewercount");
  }

  @Test
  void heartbeatRewritesTheHeartbeatRowEveryTenSeconds() {
    assertThat(engine())
        .containsEntry("heartbeat.interval.ms", "10000")
        .containsEntry(
            "heartbeat.action.query",
            "INSERT INTO public.cdc_heartbeat (id, beat_at) VALUES (1, now())"
                + " ON CONFLICT (id) DO UPDATE SET beat_at = EXCLUDED.beat_at");
  }

  @Test
  void engineEndsOnAnyFailureSoThatTheCaptureRestartsIt() {
    assertThat(engine())
        .containsEntry("errors.max.retries", "0")
        .containsEntry("slot.retry.delay.ms", "5000");
  }

  @Test
  void writesSchemalessJsonToThePrefixedTopicWithoutDebeziumTombstones() {
    assertThat(engine())
        .containsEntry("topic.prefix", "viewercount")
        .containsEntry("converter.schemas.enable", "false")
        .containsEntry("tombstones.on.delete", "false");
  }

  @Test
  void keepsOffsetsInKafka() {
    assertThat(engine())
        .containsEntry("offset.storage", KafkaOffsetStore.class.getName())
        .containsEntry("offset.storage.topic", "viewercount-cdc-offsets")
        .containsEntry("offset.storage.partitions", "1")
        .containsEntry("offset.storage.replication.factor", "-1")
        .containsEntry("bootstrap.servers", "kafka-1:9092,kafka-2:9092")
        .containsEntry("offset.flush.interval.ms", "1000");
  }

  @Test
  void pollsForNewChangesEveryMillisecond() {
    assertThat(engine()).containsEntry("poll.interval.ms", "1");
  }

  @Test
  void refusesAUrlThatIsNotPostgres() {
    assertThatThrownBy(
            () -> engine(new DatabaseConnection("jdbc:mysql://db/viewercounts", "cdc", null)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a PostgreSQL JDBC url");
  }

  @Test
  void refusesAUrlWithSeveralHosts() {
    assertThatThrownBy(
            () ->
                engine(
                    new DatabaseConnection(
                        "jdbc:postgresql://db-1:5432,db-2:5432/viewercounts", "cdc", null)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("one PostgreSQL server");
  }

  @Test
  void connectionNeverShowsItsPassword() {
    assertThat(new DatabaseConnection("jdbc:postgresql://db/v", "cdc", "secret").toString())
        .doesNotContain("secret");
  }

  @Test
  void producerWaitsForAllReplicasIdempotentlyWithoutLingering() {
    assertThat(CaptureConfig.producer("kafka:9092", Duration.ofSeconds(10)))
        .containsEntry("bootstrap.servers", "kafka:9092")
        .containsEntry("acks", "all")
        .containsEntry("enable.idempotence", "true")
        .containsEntry("linger.ms", "0")
        .containsEntry("max.block.ms", "10000");
  }
}
