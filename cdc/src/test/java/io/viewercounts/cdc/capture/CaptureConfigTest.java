package io.viewercounts.cdc.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.debezium.config.Configuration;
import io.viewercounts.cdc.CaptureFixture;
import io.viewercounts.cdc.CdcDefaults;
import io.viewercounts.cdc.CdcProperties;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.junit.jupiter.api.Test;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslStoreBundle;

class CaptureConfigTest {

  private final CdcProperties defaults = CdcDefaults.load();

  private Properties engine(DatabaseConnection database) {
    return CaptureConfig.engine(
        database,
        defaults.capture(),
        defaults.topics(),
        Map.of(
            CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, List.of("kafka-1:9092", "kafka-2:9092")));
  }

  private Properties engine() {
    return engine(
        new DatabaseConnection(
            "jdbc:postgresql://db.example:6543/viewercounts?sslmode=require", "cdc", "secret"));
  }

  @Test
  void mapsTheJdbcUrlAndCredentialsToTheConnector() {
    assertThat(engine())
        .containsEntry(
            "connector.class", "io.viewercounts.cdc.capture.CapturePostgresConnector")
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
        .containsEntry("slot.retry.delay.ms", "2000");
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
  void pollsForNewChangesEveryFiveMilliseconds() {
    assertThat(engine()).containsEntry("poll.interval.ms", "5");
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
  void kafkaConnectionShowsOnlyWhereKafkaIs() {
    Map<String, Object> client =
        Map.of(
            CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
            List.of("kafka-1:9093", "kafka-2:9093"),
            SaslConfigs.SASL_JAAS_CONFIG,
            "PlainLoginModule required password=\"kafka-secret\";");

    assertThat(new KafkaConnection(client, client).toString())
        .isEqualTo("KafkaConnection[bootstrapServers=kafka-1:9093,kafka-2:9093]");
  }

  /** What Debezium logs when its task starts: the connector's configuration, which is ours. */
  @Test
  void debeziumMasksTheKafkaClientSecretsWhenItLogsTheEngineConfiguration() {
    Properties engine =
        CaptureConfig.engine(
            new DatabaseConnection("jdbc:postgresql://db/viewercounts", "cdc", "db-secret"),
            defaults.capture(),
            defaults.topics(),
            Map.of(
                SaslConfigs.SASL_JAAS_CONFIG,
                    "PlainLoginModule required password=\"kafka-secret\";",
                SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, "trust-secret",
                SslConfigs.SSL_KEYSTORE_KEY_CONFIG, "-----BEGIN PRIVATE KEY-----key-secret"));

    String logged = Configuration.from(engine).withMaskedPasswords().toString();

    assertThat(logged)
        .contains(SaslConfigs.SASL_JAAS_CONFIG, SslConfigs.SSL_KEYSTORE_KEY_CONFIG)
        .doesNotContain("kafka-secret", "trust-secret", "key-secret", "db-secret");
  }

  /** Debezium keeps text values only: an SSL bundle would silently leave the offset store plain. */
  @Test
  void refusesAKafkaClientSettingWithoutTextForm() {
    assertThatThrownBy(
            () ->
                CaptureConfig.engine(
                    new DatabaseConnection("jdbc:postgresql://db/viewercounts", "cdc", null),
                    defaults.capture(),
                    defaults.topics(),
                    Map.of(SslBundle.class.getName(), SslBundle.of(SslStoreBundle.NONE))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("spring.kafka.ssl.bundle")
        .hasMessageContaining("spring.kafka.ssl.key-store-location/trust-store-location");
  }

  @Test
  void producerWaitsForAllReplicasIdempotentlyWithoutLingering() {
    assertThat(
            CaptureConfig.producer(
                CaptureFixture.kafkaClient("kafka:9092"), Duration.ofSeconds(10)))
        .containsEntry("bootstrap.servers", "kafka:9092")
        .containsEntry("acks", "all")
        .containsEntry("enable.idempotence", "true")
        .containsEntry("linger.ms", "0")
        .containsEntry("max.block.ms", "10000");
  }
}
