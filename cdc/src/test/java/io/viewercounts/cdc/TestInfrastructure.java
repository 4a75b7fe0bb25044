package io.viewercounts.cdc;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/** Real PostgreSQL and Kafka for the tests, on free ports. */
public final class TestInfrastructure {

  private TestInfrastructure() {}

  /** A PostgreSQL server with the given wal_level that commits synchronously (low latency). */
  public static EmbeddedPostgres startPostgres(String walLevel) {
    try {
      return builder(walLevel).start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A logical-decoding server that can be stopped ({@code close}) and started again by calling this
   * again with the same directory and port: it keeps its data, slots included.
   */
  public static EmbeddedPostgres startPostgres(Path dataDirectory, int port) {
    try {
      return builder("logical")
          .setDataDirectory(dataDirectory)
          .setCleanDataDirectory(false)
          .setPort(port)
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The server's replication slots: one per capture fixture of a test class, at most. */
  public static final int MAX_REPLICATION_SLOTS = 8;

  private static EmbeddedPostgres.Builder builder(String walLevel) {
    return EmbeddedPostgres.builder()
        .setServerConfig("wal_level", walLevel)
        .setServerConfig("max_wal_senders", Integer.toString(MAX_REPLICATION_SLOTS))
        .setServerConfig("max_replication_slots", Integer.toString(MAX_REPLICATION_SLOTS))
        // zonky's default is off: WAL then reaches the decoder only after wal_writer_delay.
        .setServerConfig("synchronous_commit", "on");
  }

  /** A port nothing listens on right now. */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A new database on the server, migrated with the poller's Flyway scripts. */
  public static DataSource createMigratedDatabase(EmbeddedPostgres postgres, String name) {
    DataSource database = createDatabase(postgres, name);
    Flyway.configure().dataSource(database).locations("classpath:db/migration").load().migrate();
    return database;
  }

  /** A new, empty database on the server. */
  public static DataSource createDatabase(EmbeddedPostgres postgres, String name) {
    execute(postgres.getPostgresDatabase(), "CREATE DATABASE " + name);
    return postgres.getDatabase("postgres", name);
  }

  /** The JDBC url of a database, without credentials (as spring.datasource.url would be). */
  public static String jdbcUrl(EmbeddedPostgres postgres, String database) {
    return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + database;
  }

  public static void execute(DataSource database, String sql) {
    try (Connection connection = database.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  /** A single-node KRaft broker that also serves transactions (Kafka Streams exactly-once). */
  public static EmbeddedKafkaKraftBroker startKafka() {
    EmbeddedKafkaKraftBroker kafka = new EmbeddedKafkaKraftBroker(1, 1);
    kafka.brokerProperties(
        Map.of(
            "transaction.state.log.replication.factor", "1",
            "transaction.state.log.min.isr", "1",
            "offsets.topic.replication.factor", "1",
            "group.initial.rebalance.delay.ms", "0"));
    kafka.afterPropertiesSet();
    return kafka;
  }
}
