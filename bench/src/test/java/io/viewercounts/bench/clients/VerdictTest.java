package io.viewercounts.bench.clients;

import static org.assertj.core.api.Assertions.assertThat;

import io.viewercounts.bench.clients.ClientFleet.Verdict;
import org.junit.jupiter.api.Test;

class VerdictTest {

  @Test
  void passesWhenEveryOpenClientHoldsTheFinalCounts() {
    assertThat(new Verdict(10, 10, 0, 3, 0).failures()).isEmpty();
  }

  @Test
  void failsWhenAClientMissedAFinalCount() {
    assertThat(new Verdict(9, 10, 0, 0, 0).failures())
        .containsExactly("1 of 10 clients did not end with the final count of every stream they"
            + " watch");
  }

  @Test
  void failsWhenAVersionWentBackwards() {
    assertThat(new Verdict(10, 10, 2, 0, 0).failures())
        .containsExactly("2 updates went backwards (an older version after a newer one)");
  }

  @Test
  void failsWhenAClientLostItsConnection() {
    assertThat(new Verdict(9, 9, 0, 0, 1).failures())
        .containsExactly("1 clients lost their connection");
  }
}
