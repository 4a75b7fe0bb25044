package io.viewercounts.cdc.capture;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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

  private final DatabaseConnection database;
  private final String slotName;

  /** The session that asks for the lock; only the capture's supervisor thread uses it. */
  private Connection candidate;

  CaptureLeadership(DatabaseConnection database, String slotName) {
    this.database = database;
    this.slotName = slotName;
  }

  /**
   * Takes the lock for the slot if no other capture holds it. A standby asks again and again on
   * one session of its own, so it takes over within one of its looks of the active instance's
   * session ending, without connecting anew each time. (Waiting inside PostgreSQL for the lock
   * would take over sooner still, but a wait that must end now and then to let the capture stop
   * costs an ERROR line in the server's log each time.)
   *
   * @return the held lock, or empty when another capture holds it
   * @throws SQLException when PostgreSQL cannot be reached
   */
  Optional<Lease> tryAcquire() throws SQLException {
    try {
      if (candidate == null) {
        candidate = connect();
      }
      try (PreparedStatement statement =
              candidate.prepareStatement("SELECT pg_try_advisory_lock(?, ?)");
          ResultSet result = lockQuery(statement)) {
        if (!result.next() || !result.getBoolean(1)) {
          return Optional.empty();
        }
      }
      Lease lease = new Lease(candidate);
      candidate = null;
      return Optional.of(lease);
    } catch (SQLException | RuntimeException e) {
      closeCandidate();
      throw e;
    }
  }

  private ResultSet lockQuery(PreparedStatement statement) throws SQLException {
    statement.setInt(1, LOCK_CLASS);
    statement.setInt(2, slotName.hashCode());
    return statement.executeQuery();
  }

  /** Ends the session that asks for the lock, if any; the capture calls it when it stops. */
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
    private volatile boolean released;

    private Lease(Connection connection) {
      this.connection = connection;
    }

    /**
     * Whether the lock was lost: its connection to PostgreSQL broke while we held it (not when we
     * released it).
     */
    boolean isLost() {
      if (released) {
        return false;
      }
      boolean valid;
      try {
        valid = connection.isValid(VALIDITY_TIMEOUT_SECONDS);
      } catch (SQLException e) {
        valid = false;
      }
      return !valid && !released; // a release while we asked broke the connection, too
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

    /** Releases the lock (by ending its session); again is nothing. Any thread may call it. */
    @Override
    public void close() {
      released = true;
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
