package io.viewercounts.cdc.capture;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;

/**
 * Elects the one capture instance that runs an engine for a slot, with a PostgreSQL session-level
 * advisory lock held on a connection of its own.
 *
 * <p>PostgreSQL already lets only one connection stream from a slot, but not before streaming
 * starts: an engine with no offsets first reads a snapshot of the table, and two engines starting
 * together could both do that. The lock makes the engines of one slot take turns from the start. It
 * is released by PostgreSQL as soon as the holder's connection ends, so a killed instance frees it
 * at once, and an instance cut off from PostgreSQL sees its connection fail and stops its engine.
 */
final class CaptureLeadership implements AutoCloseable {

  /** First half of the lock key ("vcCd"); the second is the slot name's hash. */
  private static final int LOCK_CLASS = 0x76634364;

  private static final int VALIDITY_TIMEOUT_SECONDS = 2;

  /** SQLSTATE of a lock wait that ran out of {@code lock_timeout}. */
  private static final String LOCK_NOT_AVAILABLE = "55P03";

  private final DatabaseConnection database;
  private final String slotName;

  /** The session that waits for the lock; only the capture's supervisor thread uses it. */
  private Connection candidate;

  CaptureLeadership(DatabaseConnection database, String slotName) {
    this.database = database;
    this.slotName = slotName;
  }

  /**
   * Takes the lock for the slot, waiting up to {@code wait} for the instance that holds it to let
   * go. PostgreSQL grants a waiting session the lock the moment the holder's session ends, so a
   * standby takes over at once when the active instance stops or dies, instead of at its next
   * look. Between calls the waiting session stays open, so a standby does not connect anew each
   * time.
   *
   * @return the held lock, or empty when another capture held it all the while
   * @throws SQLException when PostgreSQL cannot be reached
   */
  Optional<Lease> acquire(Duration wait) throws SQLException {
    try {
      if (candidate == null) {
        candidate = connect();
        try (Statement statement = candidate.createStatement()) {
          // The lock wait ends with SQLSTATE 55P03 after this long: the supervisor looks up.
          statement.execute("SET lock_timeout = " + Math.max(1, wait.toMillis()));
        }
      }
      try (PreparedStatement statement =
          candidate.prepareStatement("SELECT pg_advisory_lock(?, ?)")) {
        statement.setInt(1, LOCK_CLASS);
        statement.setInt(2, slotName.hashCode());
        statement.executeQuery().close();
      }
      Lease lease = new Lease(candidate);
      candidate = null;
      return Optional.of(lease);
    } catch (SQLException e) {
      if (LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
        return Optional.empty();
      }
      closeCandidate();
      throw e;
    } catch (RuntimeException e) {
      closeCandidate();
      throw e;
    }
  }

  /** Ends the waiting session, if any; the capture calls it when it stops. */
  @Override
  public void close() {
    closeCandidate();
  }

  private void closeCandidate() {
    if (candidate != null) {
      quietlyClose(candidate);
      candidate = null;
    }
  }

  private Connection connect() throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", database.username());
    if (database.password() != null) {
      properties.setProperty("password", database.password());
    }
    properties.setProperty("ApplicationName", "viewercount-capture-lock");
    properties.setProperty("connectTimeout", "10");
    // A dead peer must end the session, and with it the lock, without waiting hours.
    properties.setProperty("tcpKeepAlive", "true");
    return DriverManager.getConnection(database.jdbcUrl(), properties);
  }

  /** The held lock: held while its connection lives. */
  final class Lease implements AutoCloseable {

    private final Connection connection;

    private Lease(Connection connection) {
      this.connection = connection;
    }

    /** Whether the lock is still held: false once the connection to PostgreSQL broke. */
    boolean isHeld() {
      try {
        return connection.isValid(VALIDITY_TIMEOUT_SECONDS);
      } catch (SQLException e) {
        return false;
      }
    }

    /**
     * The PostgreSQL backend streaming from the slot, if any. A capture that died a moment ago may
     * still hold the slot until PostgreSQL notices its connection is gone.
     */
    OptionalInt slotHolder() throws SQLException {
      try (PreparedStatement statement =
          connection.prepareStatement(
              "SELECT active_pid FROM pg_replication_slots WHERE slot_name = ? AND active")) {
        statement.setString(1, slotName);
        try (ResultSet result = statement.executeQuery()) {
          return result.next() ? OptionalInt.of(result.getInt(1)) : OptionalInt.empty();
        }
      }
    }

    /** Releases the lock (by ending its session). */
    @Override
    public void close() {
      quietlyClose(connection);
    }
  }

  private static void quietlyClose(Connection connection) {
    try {
      connection.close();
    } catch (SQLException e) {
      // The session is gone either way, and the lock with it.
    }
  }
}
