package io.viewercounts.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.viewercounts.bench.Options;
import org.junit.jupiter.api.Test;

class ChangePaceTest {

  @Test
  void theNextChangeWaitsForTheIntervalSinceTheLast() throws Exception {
    ChangePace pace = ChangePace.of(Options.parse("--fanout-interval-ms", "100"));
    pace.awaitTurn();
    long first = System.nanoTime();

    pace.awaitTurn();

    assertThat(System.nanoTime() - first).isGreaterThanOrEqualTo(100_000_000L);
  }

  @Test
  void theIntervalIsHalfASecondUnlessGiven() {
    assertThat(ChangePace.of(Options.parse()).intervalMillis()).isEqualTo(500);
  }
}
