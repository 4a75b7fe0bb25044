package io.viewercounts.cdc.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.viewercounts.cdc.capture.CaptureStatus.Phase;
import org.junit.jupiter.api.Test;

/** The status as ChangeCapture and Debezium's engine (through its callbacks) drive it. */
class CaptureStatusTest {

  private final CaptureStatus status = new CaptureStatus();

  @Test
  void startingCaptureIsNotUpUntilItsTaskStarted() {
    status.starting();

    assertThat(status.snapshot().isUp()).isFalse();
    assertThat(status.snapshot().phase()).isEqualTo(Phase.STARTING);
  }

  @Test
  void captureIsUpAndActiveOnceItsTaskStarted() {
    status.starting();
    status.taskStarted();

    assertThat(status.snapshot().isUp()).isTrue();
    assertThat(status.snapshot().role()).isEqualTo("active");
  }

  @Test
  void standbyIsUpWithItsRoleAndReason() {
    status.standby("another instance captures slot viewercount");

    assertThat(status.snapshot().isUp()).isTrue();
    assertThat(status.snapshot().role()).isEqualTo("standby");
    assertThat(status.snapshot().detail()).contains("another instance");
  }

  @Test
  void failedEngineIsDownWithItsErrorAndItsCause() {
    status.starting();
    status.taskStarted();

    status.handle(
        false,
        "Kafka refused a change",
        new IllegalStateException("send failed", new RuntimeException("broker gone")));

    assertThat(status.snapshot().isUp()).isFalse();
    assertThat(status.snapshot().phase()).isEqualTo(Phase.RETRYING);
    assertThat(status.snapshot().role()).isNull();
    assertThat(status.snapshot().detail())
        .contains("Kafka refused a change")
        .contains("send failed")
        .contains("broker gone");
  }

  @Test
  void closedCaptureIsDown() {
    status.starting();
    status.taskStarted();
    status.handle(true, "completed normally", null);

    status.stopped();

    assertThat(status.snapshot().isUp()).isFalse();
    assertThat(status.snapshot().phase()).isEqualTo(Phase.STOPPED);
  }
}
