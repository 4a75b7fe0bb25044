package io.viewercounts.bench.failover;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClientLogTest {

  private final ClientLog log = new ClientLog("client 0");

  @Test
  void acceptsTheSameVersionAgainAfterAReconnect() {
    log.receive("s", Counts.of(3, 0), 100, 1_000);
    log.receive("s", Counts.of(3, 0), 100, 2_000);

    assertThat(log.failures()).isEmpty();
    assertThat(log.lastCount("s")).isEqualTo(Counts.of(3, 0));
  }

  @Test
  void flagsAVersionGoingBackwardsAndKeepsTheNewerCount() {
    log.receive("s", Counts.of(4, 0), 101, 1_000);
    log.receive("s", Counts.of(3, 0), 100, 2_000);

    assertThat(log.failures()).singleElement().asString()
        .contains("client 0", "went back from version 101 to 100");
    assertThat(log.lastCount("s")).isEqualTo(Counts.of(4, 0));
  }

  @Test
  void flagsTheSameVersionWithAnotherCount() {
    log.receive("s", Counts.of(3, 0), 100, 1_000);
    log.receive("s", Counts.of(4, 0), 100, 2_000);

    assertThat(log.failures()).singleElement().asString().contains("version 100 came with count");
  }

  @Test
  void flagsACountFromAnOlderAnswerUnderANewerVersion() {
    log.receive("s", Counts.of(5, 0), 100, 1_000);
    log.receive("s", Counts.of(4, 0), 101, 2_000);

    assertThat(log.failures()).singleElement().asString().contains("count went back");
  }

  @Test
  void findsTheFirstArrivalOfACountFromAnAnswerOrLater() {
    log.receive("s", Counts.of(2, 0), 100, 1_000);
    log.receive("s", Counts.of(5, 0), 101, 2_000);
    log.receive("s", Counts.of(6, 0), 102, 3_000);

    assertThat(log.firstReceiptFrom("s", 2)).isEqualTo(1_000);
    assertThat(log.firstReceiptFrom("s", 3)).isEqualTo(2_000);
    assertThat(log.firstReceiptFrom("s", 6)).isEqualTo(3_000);
    assertThat(log.firstReceiptFrom("s", 7)).isEqualTo(-1);
    assertThat(log.firstReceiptFrom("other", 1)).isEqualTo(-1);
  }
}
