package io.viewercounts.cdc.capture;

import static io.viewercounts.cdc.TestInfrastructure.execute;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.viewercounts.cdc.CaptureServers;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/** The retained-WAL gauge and its warning, on a slot that nobody consumes. */
class SlotMonitorTest {

  private static final long ONE_MEGABYTE = 1024 * 1024;

  @RegisterExtension static final CaptureServers servers = CaptureServers.postgresOnly();

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

  @BeforeEach
  void captureLogs() {
    logs.start();
    monitorLogger().addAppender(logs);
  }

  @AfterEach
  void releaseLogs() {
    monitorLogger().detachAppender(logs);
  }

  @Test
  void gaugeShowsTheWalKeptForTheSlotAndOneWarningPerCrossing() {
    // A physical slot, reserved at once: PostgreSQL keeps all WAL from here on for it.
    execute(servers.database(), "SELECT pg_create_physical_replication_slot('idle', true)");
    SlotMonitor monitor = newMonitor("idle");

    writeWal(3);
    monitor.check();
    monitor.check();

    assertThat(gauge(SlotMonitor.RETAINED_WAL_METRIC)).isGreaterThan(ONE_MEGABYTE);
    assertThat(warnings()).hasSize(1);
    assertThat(warnings().get(0))
        .contains("Replication slot idle retains")
        .contains("cdc.capture.retained-wal-warning");

    execute(servers.database(), "SELECT pg_replication_slot_advance('idle', pg_current_wal_lsn())");
    monitor.check();

    assertThat(gauge(SlotMonitor.RETAINED_WAL_METRIC)).isLessThan(ONE_MEGABYTE);
    assertThat(logs.list)
        .extracting(ILoggingEvent::getFormattedMessage)
        .anyMatch(message -> message.contains("under the warning threshold"));

    writeWal(3);
    monitor.check();
    assertThat(warnings()).hasSize(2);
  }

  @Test
  void gaugeIsNotANumberWhileTheSlotDoesNotExist() {
    SlotMonitor monitor = newMonitor("not_created_yet");

    monitor.check();

    assertThat(gauge(SlotMonitor.RETAINED_WAL_METRIC)).isNaN();
    assertThat(gauge(SlotMonitor.CONFIRMED_LAG_METRIC)).isNaN();
    assertThat(warnings()).isEmpty();
  }

  private SlotMonitor newMonitor(String slot) {
    return new SlotMonitor(
        servers.database(), slot, ONE_MEGABYTE, Duration.ofMinutes(1), registry);
  }

  private double gauge(String name) {
    return registry.get(name).gauge().value();
  }

  private List<String> warnings() {
    return logs.list.stream()
        .filter(event -> event.getLevel() == Level.WARN)
        .map(ILoggingEvent::getFormattedMessage)
        .toList();
  }

  private static void writeWal(int megabytes) {
    execute(
        servers.database(),
        "CREATE TABLE IF NOT EXISTS filler (payload text);"
            + " INSERT INTO filler SELECT repeat('x', 1000) FROM generate_series(1, "
            + megabytes * 1000
            + ")");
  }

  private static Logger monitorLogger() {
    return (Logger) LoggerFactory.getLogger(SlotMonitor.class);
  }
}
