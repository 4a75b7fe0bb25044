package io.viewercounts.cdc.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.viewercounts.cdc.capture.CaptureStatus.Phase;
import org.junit.jupiter.api.Test;

/** The status as Debezium's engine drives it through its callbacks. */
class CaptureStatusTest {

  private final CaptureStatus status = new CaptureStatus();

  @Test
  void startingCaptureIsNotUpUntilItsTaskStarted() {
    status.starting();
    status.connectorStarted();

    assertThat(status.snapshot().isUp()).isFalse();
    assertThat(status.snapshot().phase()).isEqualTo(Phase.STARTING);
  }

  @Test
  void captureIsUpOnceItsTaskStarted() {
    status.starting();
    status.connectorStarted();
    status.taskStarted();

    assertThat(status.snapshot().isUp()).isTrue();
  }

  @Test
  void failedEngineIsDownWithItsError() {
    status.starting();
    status.taskStarted();

    status.handle(false, "Kafka refused a change", new IllegalStateException("broker gone"));

    assertThat(status.snapshot().isUp()).isFalse();
    assertThat(status.snapshot().phase()).isEqualTo(Phase.FAILED);
    assertThat(status.snapshot().detail())
        .contains("Kafka refused a change")
        .contains("broker gone");
  }

  @Test
  void stoppedEngineIsDown() {
    status.starting();
    status.taskStarted();

    status.handle(true, "completed normally", null);

    assertThat(status.snapshot().isUp()).isFalse();
    assertThat(status.snapshot().phase()).isEqualTo(Phase.STOPPED);
  }
}
