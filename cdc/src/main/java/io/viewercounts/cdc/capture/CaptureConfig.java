package io.viewercounts.cdc.capture;

import io.debezium.config.Configuration;
import io.viewercounts.cdc.CdcProperties.CaptureProperties;
import io.viewercounts.cdc.CdcProperties.TopicsProperties;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.postgresql.Driver;

/**
 * Maps our configuration to the properties of the Debezium engine and of the capture's Kafka
 * clients: each starts from the operator's Kafka client settings ({@link KafkaConnection}) and adds
 * what the capture needs.
 */
public final class CaptureConfig {

  /** The table whose changes become events; the poller owns it. */
  public static final String CAPTURED_TABLE = "public.streams";

  /**
   * The capture's heartbeat table (created by the poller's migrations). It is in the publication so
   * that every heartbeat is a change the slot must confirm; its changes never reach Kafka.
   */
  public static final String HEARTBEAT_TABLE = "public.cdc_heartbeat";

  /**
   * The columns a change event carries: those the topology reads, and the heartbeat table's. Every
   * other column (playback id, updated_at) would only be converted, sent, stored and parsed
   * for nothing: a change event costs in proportion to its columns at every step.
   */
  static final String CAPTURED_COLUMNS =
      String.join(
          ",",
          CAPTURED_TABLE + "\\.(id|name|viewer_count|is_live|ended_at)",
          HEARTBEAT_TABLE + "\\..*");

  /** Debezium's heartbeat action: one row, rewritten on every heartbeat. */
  static final String HEARTBEAT_QUERY =
      "INSERT INTO "
          + HEARTBEAT_TABLE
          + " (id, beat_at) VALUES (1, now())"
          + " ON CONFLICT (id) DO UPDATE SET beat_at = EXCLUDED.beat_at";

  private CaptureConfig() {}

  /**
   * The Debezium engine's properties: Postgres connector, pgoutput, offsets kept in Kafka.
   *
   * @param kafkaClient the settings of the offset store's Kafka clients ({@link
   *     KafkaConnection#admin()})
   * @throws IllegalArgumentException for a Kafka client setting that has no text form (an SSL
   *     bundle)
   */
  public static Properties engine(
      DatabaseConnection database,
      CaptureProperties capture,
      TopicsProperties topics,
      Map<String, Object> kafkaClient) {
    Properties props = new Properties();
    // First: the engine's own settings below win over any of the same name.
    putKafkaClient(props, kafkaClient);
    // The engine name keys the stored offsets: an offset is a position in one slot's stream, so
    // the slot names it; a new slot starts afresh with a new snapshot.
    props.setProperty("name", capture.slotName());
    props.setProperty("connector.class", CapturePostgresConnector.class.getName());
    putDatabase(props, database);

    props.setProperty("plugin.name", "pgoutput");
    props.setProperty("slot.name", capture.slotName());
    props.setProperty("publication.name", capture.publicationName());
    // A publication on our two tables alone: PostgreSQL decodes no other table for us. Debezium
    // creates it, or updates an existing one to exactly these tables.
    props.setProperty("publication.autocreate.mode", "filtered");
    props.setProperty("table.include.list", CAPTURED_TABLE + "," + HEARTBEAT_TABLE);
    props.setProperty("snapshot.include.collection.list", CAPTURED_TABLE);
    props.setProperty("column.include.list", CAPTURED_COLUMNS);
    // With pgoutput the slot's confirmed position moves only when a change of a published table
    // is processed and its offset committed. While streams is quiet, WAL written for other
    // tables would then pile up behind the slot; the heartbeat's row write is such a change.
    props.setProperty(
        "heartbeat.interval.ms", Long.toString(capture.heartbeatInterval().toMillis()));
    props.setProperty("heartbeat.action.query", HEARTBEAT_QUERY);
    // First start: a snapshot of the table ('r' records), then streaming. Later starts resume
    // from the offsets in Kafka, with no new snapshot.
    props.setProperty("snapshot.mode", "initial");
    props.setProperty("topic.prefix", topics.prefix());
    // The topology turns op=d into its own tombstone on viewer-counts, and the CDC topic is not
    // compacted, so Debezium's key-only tombstone after each delete would be noise.
    props.setProperty("tombstones.on.delete", "false");
    // Debezium waits this long twice per change (default 500 ms): its streaming thread sleeps it
    // when the WAL stream has nothing new, and the engine collects a batch from its queue for up
    // to this long. Measured at 1,000 changes/s, COMMIT to producer median: 10 ms gave 9 ms, 5 ms
    // gives 4 ms, 1 ms 2 ms. The price is wake-ups: an idle capture takes 2.7% of a core at 5 ms,
    // 4.0% at 2 ms, 5.1% at 1 ms (with this module's copy of Debezium's queue, which does not
    // spin through the last millisecond of each wait as Debezium's own does: 47% at 1 ms).
    props.setProperty("poll.interval.ms", Long.toString(capture.pollInterval().toMillis()));
    // Plain JSON change events: {"before":..,"after":..,"source":..,"op":..}, no schema envelope.
    props.setProperty("converter.schemas.enable", "false");
    // No restarts inside the engine: any failure ends it, and ChangeCapture starts a new engine
    // (with new connections) once it holds the capture lock again, so there is one retry path
    // for PostgreSQL or Kafka going away, for a lost lock and for a standby taking over.
    props.setProperty("errors.max.retries", "0");
    // Debezium itself retries opening the replication stream while the slot is still held by a
    // walsender going away (after a restart of ours, or its own stream reopening while it
    // locates the resume position): at our retry interval, not its default 10 s.
    props.setProperty("slot.retry.delay.ms", Long.toString(capture.retryInterval().toMillis()));

    // Kafka Connect's KafkaOffsetBackingStore, closing the admin client Debezium would leak.
    props.setProperty("offset.storage", KafkaOffsetStore.class.getName());
    props.setProperty("offset.storage.topic", capture.offsetsTopic());
    props.setProperty("offset.storage.partitions", "1");
    props.setProperty(
        "offset.storage.replication.factor", Short.toString(topics.replicationFactor()));
    // Offsets are committed at most this often (after a batch is acknowledged by Kafka); a crash
    // re-sends at most this much, which the topology drops by version. A clean stop commits.
    props.setProperty(
        "offset.flush.interval.ms", Long.toString(capture.offsetFlushInterval().toMillis()));
    return props;
  }

  /**
   * The producer that writes change events to the CDC topic: the operator's client settings, with
   * what the capture's correctness needs on top.
   *
   * @param sendTimeout how long a send may block when Kafka is away (e.g. for topic metadata)
   */
  public static Map<String, Object> producer(
      Map<String, Object> kafkaClient, Duration sendTimeout) {
    Map<String, Object> props = new HashMap<>(kafkaClient);
    props.put(ProducerConfig.CLIENT_ID_CONFIG, "viewercount-capture");
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    // A change counts as processed, and its WAL position may be committed, only once every
    // in-sync replica has it; idempotence makes the producer's retries neither duplicate nor
    // reorder changes within a partition.
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    // Send at once: the sink waits for every batch's acknowledgement anyway, so lingering to fill
    // batches would only add its delay to every change.
    props.put(ProducerConfig.LINGER_MS_CONFIG, "0");
    // A send blocks while the topic's metadata is unknown (Kafka away): at most as long as the
    // sink waits for an acknowledgement, instead of the default 60 s.
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(sendTimeout.toMillis()));
    return props;
  }

  /** The admin client of the {@link KafkaStartupCheck}. */
  public static Map<String, Object> startupCheck(Map<String, Object> kafkaClient) {
    Map<String, Object> props = new HashMap<>(kafkaClient);
    props.put(AdminClientConfig.CLIENT_ID_CONFIG, "viewercount-capture-check");
    return props;
  }

  /** Where Kafka is, as {@code host:port,host:port}. */
  static String bootstrapServers(Map<String, Object> kafkaClient) {
    return text(kafkaClient.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG));
  }

  /**
   * Debezium hands the engine's properties to the offset store, which passes them on to its
   * producer, consumer and admin clients (and Kafka Connect looks up the cluster id with an admin
   * client of the same settings); so the Kafka client settings go in as they are, unprefixed.
   * Debezium keeps text values only and drops any other silently: a setting without a text form (an
   * SSL bundle, {@code spring.kafka.ssl.bundle}) is refused, so that a client does not start
   * without its security. Debezium masks values of keys like *password, *secret and
   * sasl.jaas.config when it logs its configuration; the pattern adds the PEM private key of {@code
   * spring.kafka.ssl.key-store-key}.
   */
  private static void putKafkaClient(Properties props, Map<String, Object> kafkaClient) {
    kafkaClient.forEach(
        (key, value) -> {
          String text = text(value);
          if (text == null) {
            throw new IllegalArgumentException(
                "the capture's offset store takes Kafka client settings as text only, and "
                    + key
                    + " is a "
                    + value.getClass().getName()
                    + " (spring.kafka.ssl.bundle?): give the key and trust stores with"
                    + " spring.kafka.ssl.key-store-location/trust-store-location (or their PEM"
                    + " contents, key-store-key/trust-store-certificates) instead");
          }
          props.setProperty(key, text);
        });
    props.setProperty(
        Configuration.CUSTOM_SANITIZE_PATTERN_KEY,
        Configuration.PASSWORD_PATTERN.pattern() + "|.*ssl\\.keystore\\.key$");
  }

  /** A client setting as Kafka reads it from text; null when it has no text form. */
  private static String text(Object value) {
    if (value instanceof Collection<?> values) {
      return values.stream().map(CaptureConfig::text).collect(Collectors.joining(","));
    }
    if (value instanceof Class<?> type) {
      return type.getName();
    }
    if (value instanceof String || value instanceof Number || value instanceof Boolean) {
      return value.toString();
    }
    return null;
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
