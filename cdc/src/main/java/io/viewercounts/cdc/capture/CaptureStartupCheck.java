package io.viewercounts.cdc.capture;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Checks, before the engine starts, what the capture needs from PostgreSQL, so that a wrong setup
 * fails start-up with a message that says what to do instead of a connector stack trace.
 *
 * <p>In order: logical decoding, the two tables, the right to stream changes, the right to write
 * the heartbeat, the publication (usable as it is, or creatable by this user) and the slot (usable
 * as it is, or a free one to create it in).
 */
public final class CaptureStartupCheck {

  private static final String TABLES =
      CaptureConfig.CAPTURED_TABLE + ", " + CaptureConfig.HEARTBEAT_TABLE;

  private final DataSource dataSource;
  private final String slotName;
  private final String publicationName;

  public CaptureStartupCheck(DataSource dataSource, String slotName, String publicationName) {
    this.dataSource = dataSource;
    this.slotName = slotName;
    this.publicationName = publicationName;
  }

  /**
   * @throws IllegalStateException saying what is wrong and how to fix it
   */
  public void verify() {
    try (Connection connection = dataSource.getConnection()) {
      verifyWalLevel(connection);
      verifyTableExists(connection, CaptureConfig.CAPTURED_TABLE, "(its first migration)");
      verifyTableExists(connection, CaptureConfig.HEARTBEAT_TABLE, "(migration V2)");
      verifyReplicationRight(connection);
      verifyHeartbeatWritable(connection);
      verifyPublication(connection);
      verifySlot(connection);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "Cannot check PostgreSQL before starting the capture (is it running, and are"
              + " spring.datasource.url, username and password right?): "
              + e.getMessage(),
          e);
    }
  }

  private static void verifyWalLevel(Connection connection) throws SQLException {
    String walLevel = queryString(connection, "SHOW wal_level");
    if (!"logical".equals(walLevel)) {
      throw new IllegalStateException(
          "PostgreSQL runs with wal_level="
              + walLevel
              + ", but change capture needs wal_level=logical: set wal_level = logical in"
              + " postgresql.conf (or run ALTER SYSTEM SET wal_level = logical) and restart"
              + " PostgreSQL.");
    }
  }

  private static void verifyTableExists(Connection connection, String table, String migration)
      throws SQLException {
    if (queryString(connection, "SELECT to_regclass(?)::text", table) == null) {
      throw new IllegalStateException(
          "Table "
              + table
              + " does not exist: the poller creates it with its Flyway migrations "
              + migration
              + ", so start the poller (this version or later) first, then the capture.");
    }
  }

  private static void verifyReplicationRight(Connection connection) throws SQLException {
    // rds_replication: Amazon RDS grants the right to stream through that role, not the attribute.
    String sql =
        "SELECT r.rolsuper OR r.rolreplication OR EXISTS (SELECT 1 FROM pg_roles m"
            + " WHERE m.rolname = 'rds_replication' AND pg_has_role(r.oid, m.oid, 'MEMBER'))"
            + " FROM pg_roles r WHERE r.rolname = current_user";
    if (!queryBoolean(connection, sql)) {
      String user = queryString(connection, "SELECT current_user::text");
      throw new IllegalStateException(
          "User "
              + user
              + " may not stream changes from PostgreSQL: it has neither the REPLICATION"
              + " attribute nor superuser rights. Run ALTER ROLE "
              + user
              + " WITH REPLICATION as a superuser, or set spring.datasource.username to a user"
              + " that has it.");
    }
  }

  private static void verifyHeartbeatWritable(Connection connection) throws SQLException {
    String table = CaptureConfig.HEARTBEAT_TABLE;
    if (!queryBoolean(
        connection,
        "SELECT has_table_privilege(?, 'INSERT') AND has_table_privilege(?, 'UPDATE')",
        table,
        table)) {
      String user = queryString(connection, "SELECT current_user::text");
      throw new IllegalStateException(
          "User "
              + user
              + " may not write "
              + table
              + ", where the capture's heartbeat keeps the replication slot moving: run GRANT"
              + " INSERT, UPDATE ON "
              + table
              + " TO "
              + user
              + ".");
    }
  }

  /**
   * The publication must hold exactly our two tables. If it does not exist or holds others,
   * Debezium creates or alters it, which takes owning both tables (and the publication).
   */
  private void verifyPublication(Connection connection) throws SQLException {
    String sql =
        "SELECT p.puballtables, pg_has_role(current_user, p.pubowner, 'USAGE'),"
            + " (SELECT array_agg(t.schemaname || '.' || t.tablename"
            + " ORDER BY t.schemaname, t.tablename)::text"
            + " FROM pg_publication_tables t WHERE t.pubname = p.pubname)"
            + " FROM pg_publication p WHERE p.pubname = ?";
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, publicationName);
      try (ResultSet result = statement.executeQuery()) {
        if (!result.next()) {
          verifyCanCreatePublication(connection);
          return;
        }
        if (result.getBoolean(1)) {
          throw new IllegalStateException(
              "Publication "
                  + publicationName
                  + " publishes all tables, but the capture needs one of "
                  + TABLES
                  + " alone: drop it (DROP PUBLICATION "
                  + publicationName
                  + ") so that the capture creates its own, or set cdc.capture.publication-name to"
                  + " another name.");
        }
        String tables = result.getString(3);
        if (!("{" + CaptureConfig.HEARTBEAT_TABLE + "," + CaptureConfig.CAPTURED_TABLE + "}")
            .equals(tables)) {
          if (!result.getBoolean(2)) {
            throw publicationFailure(
                "it exists with tables " + tables + " and belongs to another user", "ALTER");
          }
          verifyOwnsTables(connection, "ALTER");
        }
      }
    }
  }

  private void verifyCanCreatePublication(Connection connection) throws SQLException {
    if (!queryBoolean(connection, "SELECT has_database_privilege(current_database(), 'CREATE')")) {
      throw publicationFailure("the user may not create objects in this database", "CREATE");
    }
    verifyOwnsTables(connection, "CREATE");
  }

  private void verifyOwnsTables(Connection connection, String action) throws SQLException {
    String sql =
        "SELECT c.relnamespace::regnamespace::text || '.' || c.relname,"
            + " pg_get_userbyid(c.relowner)::text"
            + " FROM pg_class c WHERE c.oid IN (?::regclass, ?::regclass)"
            + " AND NOT pg_has_role(current_user, c.relowner, 'USAGE') ORDER BY 1";
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, CaptureConfig.CAPTURED_TABLE);
      statement.setString(2, CaptureConfig.HEARTBEAT_TABLE);
      try (ResultSet result = statement.executeQuery()) {
        if (result.next()) {
          throw publicationFailure(
              "the user does not own table "
                  + result.getString(1)
                  + " (owned by "
                  + result.getString(2)
                  + ")",
              action);
        }
      }
    }
  }

  private IllegalStateException publicationFailure(String reason, String action) {
    String statement =
        "CREATE".equals(action)
            ? "CREATE PUBLICATION " + publicationName + " FOR TABLE " + TABLES
            : "ALTER PUBLICATION " + publicationName + " SET TABLE " + TABLES;
    return new IllegalStateException(
        "The capture cannot "
            + action.toLowerCase()
            + " publication "
            + publicationName
            + " for "
            + TABLES
            + ": "
            + reason
            + ". Run "
            + statement
            + " as the owner of the tables, or run the capture as that owner.");
  }

  private void verifySlot(Connection connection) throws SQLException {
    String sql =
        "SELECT plugin::text, database::text FROM pg_replication_slots WHERE slot_name = ?";
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, slotName);
      try (ResultSet result = statement.executeQuery()) {
        if (result.next()) {
          verifySlotIsOurs(connection, result.getString(1), result.getString(2));
        } else {
          verifyFreeSlot(connection);
        }
      }
    }
  }

  private void verifySlotIsOurs(Connection connection, String plugin, String database)
      throws SQLException {
    String ours = queryString(connection, "SELECT current_database()::text");
    if (!"pgoutput".equals(plugin) || !ours.equals(database)) {
      throw new IllegalStateException(
          "Replication slot "
              + slotName
              + " exists for plugin "
              + plugin
              + " in database "
              + database
              + ", but the capture needs a pgoutput slot in database "
              + ours
              + ": set cdc.capture.slot-name to another name, or drop the slot (SELECT"
              + " pg_drop_replication_slot('"
              + slotName
              + "')) if nothing uses it.");
    }
  }

  private void verifyFreeSlot(Connection connection) throws SQLException {
    int max =
        Integer.parseInt(
            queryString(connection, "SELECT current_setting('max_replication_slots')"));
    int used =
        Integer.parseInt(
            queryString(connection, "SELECT count(*)::text FROM pg_replication_slots"));
    if (used >= max) {
      throw new IllegalStateException(
          "The capture cannot create replication slot "
              + slotName
              + ": all "
              + max
              + " replication slots are in use (max_replication_slots = "
              + max
              + "). Drop one that nothing uses (SELECT pg_drop_replication_slot('name'), see"
              + " pg_replication_slots), or raise max_replication_slots in postgresql.conf and"
              + " restart PostgreSQL.");
    }
  }

  private static String queryString(Connection connection, String sql, String... parameters)
      throws SQLException {
    try (PreparedStatement statement = prepare(connection, sql, parameters);
        ResultSet result = statement.executeQuery()) {
      result.next();
      return result.getString(1);
    }
  }

  private static boolean queryBoolean(Connection connection, String sql, String... parameters)
      throws SQLException {
    try (PreparedStatement statement = prepare(connection, sql, parameters);
        ResultSet result = statement.executeQuery()) {
      return result.next() && result.getBoolean(1);
    }
  }

  private static PreparedStatement prepare(Connection connection, String sql, String... parameters)
      throws SQLException {
    PreparedStatement statement = connection.prepareStatement(sql);
    for (int i = 0; i < parameters.length; i++) {
      statement.setString(i + 1, parameters[i]);
    }
    return statement;
  }
}
