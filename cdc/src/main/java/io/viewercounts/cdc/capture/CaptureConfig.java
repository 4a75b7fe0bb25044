package io.viewercounts.cdc.capture;

import io.debezium.connector.postgresql.PostgresConnector;
import io.viewercounts.cdc.CdcProperties.CaptureProperties;
import io.viewercounts.cdc.CdcProperties.TopicsProperties;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.postgresql.Driver;

/** Maps our configuration to the Debezium engine's and the change producer's properties. */
public final class CaptureConfig {

  /** The only table captured; the poller owns it. */
  public static final String CAPTURED_TABLE = "public.streams";

  private CaptureConfig() {}

  /** The Debezium engine's properties: Postgres connector, pgoutput, offsets kept in Kafka. */
  public static Properties engine(
      DatabaseConnection database,
      CaptureProperties capture,
      TopicsProperties topics,
      String kafkaBootstrapServers) {
    Properties props = new Properties();
    // The engine name keys the stored offsets: an offset is a position in one slot's stream, so
    // the slot names it; a new slot starts afresh with a new snapshot.
    props.setProperty("name", capture.slotName());
    props.setProperty("connector.class", PostgresConnector.class.getName());
    putDatabase(props, database);

    props.setProperty("plugin.name", "pgoutput");
    props.setProperty("slot.name", capture.slotName());
    props.setProperty("publication.name", capture.publicationName());
    // A publication on public.streams alone: PostgreSQL decodes no other table for us.
    props.setProperty("publication.autocreate.mode", "filtered");
    props.setProperty("table.include.list", CAPTURED_TABLE);
    // First start: a snapshot of the table ('r' records), then streaming. Later starts resume
    // from the offsets in Kafka, with no new snapshot.
    props.setProperty("snapshot.mode", "initial");
    props.setProperty("topic.prefix", topics.prefix());
    // The topology turns op=d into its own tombstone on viewer-counts, and the CDC topic is not
    // compacted, so Debezium's key-only tombstone after each delete would be noise.
    props.setProperty("tombstones.on.delete", "false");
    // How long the connector sleeps when the WAL stream and its queue are empty before looking
    // again (default 500 ms): it bounds the capture's added latency, and costs an idle wake-up
    // every 10 ms.
    props.setProperty("poll.interval.ms", Long.toString(capture.pollInterval().toMillis()));
    // Plain JSON change events: {"before":..,"after":..,"source":..,"op":..}, no schema envelope.
    props.setProperty("converter.schemas.enable", "false");

    // Kafka Connect's KafkaOffsetBackingStore, closing the admin client Debezium would leak.
    props.setProperty("offset.storage", KafkaOffsetStore.class.getName());
    props.setProperty("offset.storage.topic", capture.offsetsTopic());
    props.setProperty("offset.storage.partitions", "1");
    props.setProperty(
        "offset.storage.replication.factor", Short.toString(topics.replicationFactor()));
    props.setProperty("bootstrap.servers", kafkaBootstrapServers);
    // Offsets are committed at most this often (after a batch is acknowledged by Kafka); a crash
    // re-sends at most this much, which the topology drops by version. A clean stop commits.
    props.setProperty(
        "offset.flush.interval.ms", Long.toString(capture.offsetFlushInterval().toMillis()));
    return props;
  }

  /** The producer that writes change events to the CDC topic. */
  public static Properties producer(String kafkaBootstrapServers) {
    Properties props = new Properties();
    props.setProperty(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrapServers);
    props.setProperty(ProducerConfig.CLIENT_ID_CONFIG, "viewercount-capture");
    props.setProperty(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    props.setProperty(
        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    // A change counts as processed, and its WAL position may be committed, only once every
    // in-sync replica has it; idempotence makes the producer's retries neither duplicate nor
    // reorder changes within a partition.
    props.setProperty(ProducerConfig.ACKS_CONFIG, "all");
    props.setProperty(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    // Send at once: the sink waits for every batch's acknowledgement anyway, so lingering to fill
    // batches would only add its delay to every change.
    props.setProperty(ProducerConfig.LINGER_MS_CONFIG, "0");
    return props;
  }

  private static void putDatabase(Properties props, DatabaseConnection database) {
    Properties url = Driver.parseURL(database.jdbcUrl(), new Properties());
    if (url == null) {
      throw new IllegalArgumentException(
          "not a PostgreSQL JDBC url (jdbc:postgresql://host:port/database): "
              + database.jdbcUrl());
    }
    String host = url.getProperty("PGHOST");
    if (host.contains(",")) {
      throw new IllegalArgumentException(
          "the capture needs one PostgreSQL server (the primary), the JDBC url names several: "
              + database.jdbcUrl());
    }
    props.setProperty("database.hostname", host);
    props.setProperty("database.port", url.getProperty("PGPORT"));
    props.setProperty("database.dbname", url.getProperty("PGDBNAME"));
    props.setProperty("database.user", database.username());
    if (database.password() != null) {
      props.setProperty("database.password", database.password());
    }
    String sslMode = url.getProperty("sslmode");
    if (sslMode != null) {
      props.setProperty("database.sslmode", sslMode);
    }
  }
}
