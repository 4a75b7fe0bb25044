package io.viewercounts.cdc.capture;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures, every check interval, how much WAL PostgreSQL keeps for the capture's replication slot,
 * publishes it as gauges and warns once when it grows past a threshold (and says when it is back
 * under). A slot nobody confirms keeps every WAL segment from its position on, until the disk is
 * full: this is the early warning.
 *
 * <p>Gauges, tagged {@code slot}: {@code viewercounts.cdc.slot.retained.wal} (bytes from the slot's
 * restart position to the current WAL position: what PostgreSQL cannot recycle) and {@code
 * viewercounts.cdc.slot.confirmed.lag} (bytes from the slot's confirmed position to the current
 * one: what the capture has not confirmed yet). Both are NaN while the slot does not exist or
 * cannot be read.
 */
public final class SlotMonitor implements AutoCloseable {

  public static final String RETAINED_WAL_METRIC = "viewercounts.cdc.slot.retained.wal";
  public static final String CONFIRMED_LAG_METRIC = "viewercounts.cdc.slot.confirmed.lag";

  private static final Logger log = LoggerFactory.getLogger(SlotMonitor.class);
  private static final String QUERY =
      "SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn)::bigint,"
          + " pg_wal_lsn_diff(pg_current_wal_lsn(), confirmed_flush_lsn)::bigint"
          + " FROM pg_replication_slots WHERE slot_name = ?";

  private final DataSource dataSource;
  private final String slotName;
  private final long warningBytes;
  private final Duration checkInterval;
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "cdc-slot-monitor");
            thread.setDaemon(true);
            return thread;
          });

  private volatile double retainedBytes = Double.NaN;
  private volatile double confirmedLagBytes = Double.NaN;
  private boolean aboveWarning;
  private boolean unreadableLogged;

  /**
   * @param warningBytes retained WAL above which a warning is logged, positive
   */
  public SlotMonitor(
      DataSource dataSource,
      String slotName,
      long warningBytes,
      Duration checkInterval,
      MeterRegistry registry) {
    if (warningBytes <= 0) {
      throw new IllegalArgumentException("the retained WAL warning must be positive");
    }
    this.dataSource = dataSource;
    this.slotName = slotName;
    this.warningBytes = warningBytes;
    this.checkInterval = checkInterval;
    Gauge.builder(RETAINED_WAL_METRIC, () -> retainedBytes)
        .description("WAL PostgreSQL keeps for the capture's replication slot")
        .baseUnit("bytes")
        .tag("slot", slotName)
        .register(registry);
    Gauge.builder(CONFIRMED_LAG_METRIC, () -> confirmedLagBytes)
        .description("WAL written since the position the capture last confirmed")
        .baseUnit("bytes")
        .tag("slot", slotName)
        .register(registry);
  }

  public void start() {
    scheduler.scheduleWithFixedDelay(
        this::check, 0, checkInterval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Measures the slot now, updates the gauges and logs a threshold crossing. */
  void check() {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(QUERY)) {
      statement.setString(1, slotName);
      try (ResultSet result = statement.executeQuery()) {
        if (result.next()) {
          record(result.getLong(1), result.getLong(2));
        } else {
          record(Double.NaN, Double.NaN); // not created yet: the first engine creates it
        }
      }
      unreadableLogged = false;
    } catch (SQLException e) {
      record(Double.NaN, Double.NaN);
      if (!unreadableLogged) {
        log.warn("Cannot measure replication slot {}: {}", slotName, e.getMessage());
        unreadableLogged = true;
      }
    }
  }

  private void record(double retained, double confirmedLag) {
    retainedBytes = retained;
    confirmedLagBytes = confirmedLag;
    if (!aboveWarning && retained > warningBytes) {
      aboveWarning = true;
      log.warn(
          "Replication slot {} retains {} MB of WAL, more than the {} MB of"
              + " cdc.capture.retained-wal-warning: the capture is not confirming changes (is it"
              + " running? see the capture health), and PostgreSQL keeps all WAL from the slot's"
              + " position on, which can fill its disk",
          slotName,
          megabytes(retained),
          megabytes(warningBytes));
    } else if (aboveWarning && retained <= warningBytes) {
      aboveWarning = false;
      log.info(
          "Replication slot {} retains {} MB of WAL again, under the warning threshold",
          slotName,
          megabytes(retained));
    }
  }

  private static long megabytes(double bytes) {
    return Math.round(bytes / (1024 * 1024));
  }

  double retainedBytes() {
    return retainedBytes;
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
