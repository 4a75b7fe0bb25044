package io.viewercounts.cdc.capture;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Checks, before the engine starts, what the capture needs from PostgreSQL, so that a wrong setup
 * fails start-up with a message that says what to do instead of a connector stack trace.
 */
public final class CaptureStartupCheck {

  private final DataSource dataSource;

  public CaptureStartupCheck(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * @throws IllegalStateException saying what is wrong and how to fix it
   */
  public void verify() {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      verifyWalLevel(queryString(statement, "SHOW wal_level"));
      verifyTableExists(queryString(statement, "SELECT to_regclass('public.streams')::text"));
    } catch (SQLException e) {
      throw new IllegalStateException(
          "Cannot check PostgreSQL before starting the capture: " + e.getMessage(), e);
    }
  }

  private static void verifyWalLevel(String walLevel) {
    if (!"logical".equals(walLevel)) {
      throw new IllegalStateException(
          "PostgreSQL runs with wal_level="
              + walLevel
              + ", but change capture needs wal_level=logical: set wal_level = logical in"
              + " postgresql.conf (or run ALTER SYSTEM SET wal_level = logical) and restart"
              + " PostgreSQL.");
    }
  }

  private static void verifyTableExists(String table) {
    if (table == null) {
      throw new IllegalStateException(
          "Table public.streams does not exist: the poller creates it with its Flyway"
              + " migrations, so start the poller first, then the capture.");
    }
  }

  private static String queryString(Statement statement, String sql) throws SQLException {
    try (ResultSet result = statement.executeQuery(sql)) {
      result.next();
      return result.getString(1);
    }
  }
}
