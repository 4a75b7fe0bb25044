package io.viewercounts.cdc.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.viewercounts.cdc.CaptureFixture;
import io.viewercounts.cdc.CaptureServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An engine built ahead of its takeover, and the lock it gives up when its task stops. */
class PreparedEngineTest {

  @RegisterExtension static final CaptureServers servers = CaptureServers.postgresAndKafka();

  @Test
  void theCaptureLockIsFreeAsSoonAsTheEnginesTaskHasStopped() throws Exception {
    CaptureFixture setup = servers.fixture("prepared", 1);
    try (CaptureLeadership active = leadership(setup);
        CaptureLeadership standby = leadership(setup);
        PreparedEngine prepared = prepare(setup)) {
      prepared.engineUnder(active.tryAcquire().orElseThrow());
      assertThat(standby.tryAcquire()).isEmpty();

      // Debezium calls it once the task has committed its offsets and closed its connections,
      // before the engine closes its offset store.
      prepared.taskStopped();

      try (CaptureLeadership.Lease taken = CaptureLeadershipTest.awaitLock(standby)) {
        assertThat(taken.isLost()).isFalse();
      }
    }
  }

  @Test
  void theEnginesTaskStartingMakesTheCaptureActive() {
    CaptureStatus status = new CaptureStatus();
    CaptureFixture setup = servers.fixture("prepared_start", 1);
    try (PreparedEngine prepared = prepare(setup, status)) {
      status.starting();

      prepared.taskStarted();

      assertThat(status.snapshot().role()).isEqualTo("active");
    }
  }

  private static PreparedEngine prepare(CaptureFixture setup) {
    return prepare(setup, new CaptureStatus());
  }

  private static PreparedEngine prepare(CaptureFixture setup, CaptureStatus status) {
    return new PreparedEngine(
        CaptureConfig.engine(
            setup.connection(),
            setup.capture(),
            setup.topics(),
            CaptureFixture.kafkaClient(setup.bootstrapServers())),
        CaptureConfig.producer(
            CaptureFixture.kafkaClient(setup.bootstrapServers()), setup.capture().sendTimeout()),
        setup.topics().cdcTopic(),
        setup.capture().sendTimeout(),
        status);
  }

  private static CaptureLeadership leadership(CaptureFixture setup) {
    return new CaptureLeadership(setup.connection(), setup.name());
  }
}
