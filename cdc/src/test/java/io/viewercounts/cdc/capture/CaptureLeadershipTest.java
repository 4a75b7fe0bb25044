package io.viewercounts.cdc.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.viewercounts.cdc.CaptureServers;
import io.viewercounts.cdc.TestInfrastructure;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The capture lock of a slot: one holder at a time, and a lost lock told from a released one. */
class CaptureLeadershipTest {

  @RegisterExtension static final CaptureServers servers = CaptureServers.postgresOnly();

  @Test
  void onlyOneInstanceHoldsTheLockUntilItReleasesIt() throws Exception {
    try (CaptureLeadership first = leadership("turns");
        CaptureLeadership second = leadership("turns")) {
      CaptureLeadership.Lease held = first.tryAcquire().orElseThrow();

      assertThat(second.tryAcquire()).isEmpty();
      held.close();
      try (CaptureLeadership.Lease taken = awaitLock(second)) {
        assertThat(taken.isLost()).isFalse();
      }
    }
  }

  @Test
  void aReleasedLockIsNotLost() throws Exception {
    try (CaptureLeadership leadership = leadership("released")) {
      CaptureLeadership.Lease held = leadership.tryAcquire().orElseThrow();

      held.close();

      assertThat(held.isLost()).isFalse();
    }
  }

  @Test
  void aLockWhoseSessionPostgresEndedIsLost() throws Exception {
    try (CaptureLeadership leadership = leadership("lost");
        CaptureLeadership.Lease held = leadership.tryAcquire().orElseThrow()) {

      TestInfrastructure.execute(
          servers.database(),
          "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
              + " WHERE application_name = 'viewercount-capture-lock'");

      assertThat(held.isLost()).isTrue();
    }
  }

  /**
   * Asks for the lock until it is granted: PostgreSQL frees a released lock as the holder's
   * backend exits, a moment after its connection closed (a standby asks every 50 ms).
   */
  static CaptureLeadership.Lease awaitLock(CaptureLeadership candidate) {
    return await()
        .atMost(Duration.ofSeconds(10))
        .until(candidate::tryAcquire, Optional::isPresent)
        .orElseThrow();
  }

  /** A candidate for the lock of the named slot, on the server's own database. */
  private static CaptureLeadership leadership(String slotName) {
    return new CaptureLeadership(
        new DatabaseConnection(
            TestInfrastructure.jdbcUrl(servers.postgres(), "postgres"), "postgres", null),
        slotName);
  }
}
