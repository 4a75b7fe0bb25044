package io.viewercounts.poller.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One embedded PostgreSQL per test class, migrated with the module's own Flyway scripts: register
 * it as a static {@code @RegisterExtension} field; it starts before the class's tests and stops
 * after them.
 */
public final class TestDatabase implements AutoCloseable, BeforeAllCallback, AfterAllCallback {

  /** One row of {@code streams} as stored, with its {@code xmin} (changes on every write). */
  public record StoredRow(
      String id,
      String playbackId,
      String name,
      boolean live,
      int viewerCount,
      Instant endedAt,
      Instant updatedAt,
      long xmin) {}

  private final boolean migrated;
  private EmbeddedPostgres postgres;

  private TestDatabase(boolean migrated) {
    this.migrated = migrated;
  }

  /** A database for the test class, migrated before its tests. */
  public static TestDatabase migrated() {
    return new TestDatabase(true);
  }

  /** A database for the test class, empty (no tables). */
  public static TestDatabase empty() {
    return new TestDatabase(false);
  }

  /** An empty database started now, outside any test class's lifecycle: the caller closes it. */
  public static TestDatabase startEmpty() {
    TestDatabase database = empty();
    database.start();
    return database;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    start();
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    close();
  }

  private void start() {
    try {
      postgres = EmbeddedPostgres.builder().start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (migrated) {
      Flyway.configure().dataSource(dataSource()).load().migrate();
    }
  }

  public DataSource dataSource() {
    return postgres.getPostgresDatabase();
  }

  public String jdbcUrl(String database) {
    return postgres.getJdbcUrl("postgres", database);
  }

  public void execute(String sql) {
    try (Connection connection = dataSource().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Ends the session holding advisory lock {@code lockId}, as PostgreSQL does when that session's
   * process dies or its connection breaks, and waits until it is gone (and the lock free).
   */
  public void terminateSessionHolding(long lockId) {
    execute(
        "select pg_terminate_backend(pid, 10000) from pg_locks where locktype = 'advisory'"
            + " and granted and (classid::bigint << 32 | objid::bigint) = "
            + lockId);
  }

  /** The process id of the session holding advisory lock {@code lockId}, null when it is free. */
  public Integer sessionHolding(long lockId) {
    try (Connection connection = dataSource().getConnection();
        Statement statement = connection.createStatement();
        ResultSet row =
            statement.executeQuery(
                "select pid from pg_locks where locktype = 'advisory' and granted"
                    + " and (classid::bigint << 32 | objid::bigint) = "
                    + lockId)) {
      return row.next() ? row.getInt(1) : null;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Waits until no session holds advisory lock {@code lockId}: sessions end just after close. */
  public void awaitLockFree(long lockId) {
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> sessionHolding(lockId) == null);
  }

  public void truncate() {
    execute("truncate streams");
  }

  /** All rows by id, in id order. */
  public Map<String, StoredRow> rows() {
    Map<String, StoredRow> rows = new LinkedHashMap<>();
    try (Connection connection = dataSource().getConnection();
        Statement statement = connection.createStatement();
        ResultSet row =
            statement.executeQuery(
                "select id, playback_id, name, is_live, viewer_count, ended_at, updated_at,"
                    + " xmin::text::bigint as xmin from streams order by id")) {
      while (row.next()) {
        rows.put(
            row.getString("id"),
            new StoredRow(
                row.getString("id"),
                row.getString("playback_id"),
                row.getString("name"),
                row.getBoolean("is_live"),
                row.getInt("viewer_count"),
                instant(row.getObject("ended_at", OffsetDateTime.class)),
                instant(row.getObject("updated_at", OffsetDateTime.class)),
                row.getLong("xmin")));
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return rows;
  }

  private static Instant instant(OffsetDateTime time) {
    return time == null ? null : time.toInstant();
  }

  @Override
  public void close() throws IOException {
    postgres.close();
  }
}
