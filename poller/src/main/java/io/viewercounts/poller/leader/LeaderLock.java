package io.viewercounts.poller.leader;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes one poller of several the active one: the poller whose database session holds a
 * PostgreSQL session-level advisory lock polls and writes; the others stand by and try to take the
 * lock again each interval.
 *
 * <p>The lock lives on a session of its own, opened from a <em>non-pooled</em> {@link DataSource}
 * and kept for as long as this poller runs. Never a pooled connection: a pool keeps the session
 * open after {@code close()} and hands it to someone else, so a lock taken on it would outlive the
 * poller that wanted it. When the process dies its socket closes, PostgreSQL ends the session and
 * the lock is free at once; a standby takes it at its next try, within one interval.
 *
 * <p>The active poller writes through this same session ({@link #acquire()} returns it): a poller
 * whose session ended, and whose lock may therefore already belong to another poller, cannot write
 * anything, even a cycle it started before.
 *
 * <p>Meant for one polling thread; {@link #close()} and {@link #isHeld()} may be called from any.
 */
public final class LeaderLock implements AutoCloseable {

  // How long a ping of the held session may take before the lock is taken for lost.
  private static final int SESSION_CHECK_SECONDS = 5;

  private static final Logger log = LoggerFactory.getLogger(LeaderLock.class);

  private enum Role {
    UNKNOWN,
    ACTIVE,
    STANDBY
  }

  private final DataSource sessions;
  private final long lockId;

  private volatile Connection session;
  private volatile boolean held;
  private volatile boolean closed;
  private Role logged = Role.UNKNOWN;

  /**
   * @param sessions opens a new database session on each {@code getConnection()} (not a pool)
   * @param lockId the advisory lock key every poller of one database uses
   */
  public LeaderLock(DataSource sessions, long lockId) {
    this.sessions = Objects.requireNonNull(sessions, "sessions");
    this.lockId = lockId;
  }

  /**
   * The session holding the lock, taking the lock first if it is free; empty while another poller
   * holds it.
   *
   * @throws SQLException when the database cannot be reached; the lock is then not held
   * @throws IllegalStateException once closed
   */
  public synchronized Optional<Connection> acquire() throws SQLException {
    if (closed) {
      throw new IllegalStateException("the leader lock is closed");
    }
    if (held) {
      // A live session still holds its lock: session locks go only with unlock or session end.
      if (session.isValid(SESSION_CHECK_SECONDS)) {
        return Optional.of(session);
      }
      held = false;
      closeSession();
      log.warn("Lost advisory lock {}: its database session ended; this poller stops", lockId);
      logged = Role.UNKNOWN;
    }
    try {
      if (session == null) {
        session = sessions.getConnection();
      }
      held = tryLock(session);
    } catch (SQLException e) {
      closeSession();
      throw e;
    }
    if (closed) {
      // Closed while we were connecting: do not keep a lock no one will use.
      close();
      throw new IllegalStateException("the leader lock is closed");
    }
    announce(held ? Role.ACTIVE : Role.STANDBY);
    return held ? Optional.of(session) : Optional.empty();
  }

  /** Whether this poller holds the lock, as far as it knows since its last {@link #acquire()}. */
  public boolean isHeld() {
    return held;
  }

  /** Ends the session, which frees the lock at once. Final: the lock cannot be acquired again. */
  @Override
  public void close() {
    closed = true;
    if (held) {
      log.info("Releasing advisory lock {}", lockId);
    }
    held = false;
    closeSession();
  }

  private boolean tryLock(Connection connection) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement("select pg_try_advisory_lock(?)")) {
      statement.setQueryTimeout(SESSION_CHECK_SECONDS);
      statement.setLong(1, lockId);
      try (ResultSet result = statement.executeQuery()) {
        result.next();
        return result.getBoolean(1);
      }
    }
  }

  private void announce(Role role) {
    if (role == logged) {
      return;
    }
    logged = role;
    if (role == Role.ACTIVE) {
      log.info("This poller is now the active one: it holds advisory lock {}", lockId);
    } else {
      log.info("Another poller holds advisory lock {}: standing by", lockId);
    }
  }

  private void closeSession() {
    Connection closing = session;
    session = null;
    if (closing == null) {
      return;
    }
    try {
      closing.close();
    } catch (SQLException e) {
      // Already broken: the server ends the session, and the lock with it, on its own.
      log.debug("Closing the advisory lock session failed: {}", e.getMessage());
    }
  }
}
