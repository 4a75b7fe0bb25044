package io.viewercounts.bench.failover;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * No replication slot may stay inactive: an inactive slot holds WAL that grows until PostgreSQL's
 * disk is full. The capture that holds the slot may be between two engine starts, so an inactive
 * slot only fails once it stayed inactive for a while.
 */
final class SlotAudit {

  private static final Duration SETTLE = Duration.ofSeconds(60);

  private SlotAudit() {}

  static List<String> check(String jdbcUrl, String user, String password)
      throws SQLException, InterruptedException {
    long deadline = System.nanoTime() + SETTLE.toNanos();
    while (true) {
      List<String> inactive = inactiveSlots(jdbcUrl, user, password);
      if (inactive.isEmpty() || System.nanoTime() > deadline) {
        return inactive;
      }
      Thread.sleep(1_000);
    }
  }

  private static List<String> inactiveSlots(String jdbcUrl, String user, String password)
      throws SQLException {
    List<String> inactive = new ArrayList<>();
    try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password);
        Statement sql = connection.createStatement();
        ResultSet slots = sql.executeQuery("SELECT slot_name,"
            + " pg_size_pretty(pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn))"
            + " FROM pg_replication_slots WHERE NOT active")) {
      while (slots.next()) {
        inactive.add("replication slot " + slots.getString(1) + " inactive for "
            + SETTLE.toSeconds() + " s, holding " + slots.getString(2) + " of WAL");
      }
    }
    return inactive;
  }
}
