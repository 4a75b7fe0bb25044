package io.viewercounts.bench.failover;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VersionOrderTest {

  private final TopicAudit.VersionOrder order = new TopicAudit.VersionOrder();

  @Test
  void acceptsVersionsThatGrowPerStream() {
    order.next("a", 10, 0);
    order.next("b", 5, 1);
    order.next("a", 11, 2);

    assertThat(order.failures()).isEmpty();
  }

  @Test
  void flagsAVersionWrittenTwice() {
    order.next("a", 10, 0);
    order.next("a", 10, 1);

    assertThat(order.failures()).singleElement().asString()
        .contains("a at offset 1", "the same as before");
  }

  @Test
  void flagsAVersionBelowTheOneBefore() {
    order.next("a", 10, 0);
    order.next("a", 9, 1);

    assertThat(order.failures()).singleElement().asString().contains("below 10");
  }
}
