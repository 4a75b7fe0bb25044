package io.viewercounts.bench.failover;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RecoveryTest {

  private static final long EVENT = 1_000_000_000L;

  private final ClientLog first = new ClientLog("client 0");
  private final ClientLog second = new ClientLog("client 1");

  @Test
  void isTheLatestFirstArrivalOverClientsAndStreamsOfACountMadeAfterTheEvent() {
    // Answer 7 is the first served after the event; answer 6 came before it.
    first.receive("a", Counts.of(6, 0), 1, EVENT + 100_000_000);
    first.receive("a", Counts.of(7, 0), 2, EVENT + 400_000_000);
    first.receive("b", Counts.of(8, 1), 3, EVENT + 900_000_000);
    second.receive("a", Counts.of(9, 0), 4, EVENT + 1_500_000_000);
    second.receive("b", Counts.of(7, 1), 5, EVENT + 300_000_000);

    assertThat(Recovery.millis(List.of(first, second), List.of("a", "b"), 7, EVENT))
        .hasValue(1_500.0);
  }

  @Test
  void isUnknownWhileAnyClientLacksAChangeMadeAfterTheEvent() {
    first.receive("a", Counts.of(7, 0), 1, EVENT + 400_000_000);
    second.receive("a", Counts.of(6, 0), 1, EVENT + 100_000_000);

    assertThat(Recovery.millis(List.of(first, second), List.of("a"), 7, EVENT)).isEmpty();
  }

  @Test
  void isUnknownBeforeLivepeerServedAnythingAfterTheEvent() {
    first.receive("a", Counts.of(7, 0), 1, EVENT + 400_000_000);

    assertThat(Recovery.millis(List.of(first), List.of("a"), 0, EVENT)).isEmpty();
  }
}
