package io.viewercounts.poller.livepeer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.viewercounts.poller.livepeer.CircuitBreaker.State;
import io.viewercounts.poller.livepeer.LivepeerException.Kind;
import io.viewercounts.poller.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class CircuitBreakerTest {

  static final String CALL = "GET /stream";
  static final LivepeerException DOWN =
      new LivepeerException(Kind.SERVER_ERROR, "GET /stream answered HTTP 503: down", null, null);

  final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T17:00:00Z"));
  final CircuitBreaker circuit = new CircuitBreaker(3, Duration.ofSeconds(30), clock);

  @Test
  void staysClosedBelowTheThreshold() {
    failTimes(2);

    assertThat(circuit.state()).isEqualTo(State.CLOSED);
    assertThat(circuit.permit(CALL)).as("retries allowed").isTrue();
  }

  @Test
  void anAnswerResetsTheCount() {
    failTimes(2);
    circuit.recordAnswer();
    failTimes(2);

    assertThat(circuit.state()).isEqualTo(State.CLOSED);
  }

  @Test
  void opensAtTheThresholdAndRefusesCalls() {
    failTimes(3);

    LivepeerException refused =
        catchThrowableOfType(LivepeerException.class, () -> circuit.permit(CALL));

    assertThat(circuit.state()).isEqualTo(State.OPEN);
    assertThat(refused.kind()).isEqualTo(Kind.CIRCUIT_OPEN);
    assertThat(refused).hasMessageStartingWith("GET /stream not sent: the circuit is open until");
  }

  @Test
  void letsOneTrialWithoutRetriesThroughAfterTheOpenDuration() {
    failTimes(3);
    clock.advance(Duration.ofSeconds(30));

    assertThat(circuit.permit(CALL)).as("retries allowed").isFalse();
    assertThat(circuit.state()).isEqualTo(State.HALF_OPEN);
  }

  @Test
  void aFailedTrialOpensItAgainForTheWholeDuration() {
    failTimes(3);
    clock.advance(Duration.ofSeconds(30));
    circuit.permit(CALL);

    circuit.recordOutage(DOWN);
    clock.advance(Duration.ofSeconds(29));

    assertThat(circuit.state()).isEqualTo(State.OPEN);
    assertThat(catchThrowableOfType(LivepeerException.class, () -> circuit.permit(CALL)))
        .isNotNull();
  }

  @Test
  void anAnsweredTrialClosesIt() {
    failTimes(3);
    clock.advance(Duration.ofSeconds(30));
    circuit.permit(CALL);

    circuit.recordAnswer();

    assertThat(circuit.state()).isEqualTo(State.CLOSED);
    assertThat(circuit.permit(CALL)).isTrue();
  }

  @Test
  void logsOnceWhenItOpensAndOnceWhenItCloses(CapturedOutput output) {
    failTimes(3);
    for (int trial = 0; trial < 5; trial++) {
      clock.advance(Duration.ofSeconds(30));
      circuit.permit(CALL);
      circuit.recordOutage(DOWN);
    }
    clock.advance(Duration.ofSeconds(30));
    circuit.permit(CALL);
    circuit.recordAnswer();

    assertThat(output.getAll().lines().filter(line -> line.contains("CircuitBreaker")))
        .satisfiesExactly(
            opened ->
                assertThat(opened)
                    .contains(
                        "WARN",
                        "Livepeer circuit opened after 3 failed requests in a row",
                        "GET /stream answered HTTP 503: down",
                        "no calls for PT30S"),
            closed ->
                assertThat(closed)
                    .contains("INFO", "Livepeer answers again: circuit closed after PT3M"));
  }

  private void failTimes(int times) {
    for (int i = 0; i < times; i++) {
      circuit.permit(CALL);
      circuit.recordOutage(DOWN);
    }
  }
}
