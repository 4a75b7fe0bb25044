package io.viewercounts.broadcaster.fanout;

import static io.viewercounts.broadcaster.fanout.SubscriberTest.count;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class SubscriptionTest {

  private final Subscription subscription =
      new Subscription(
          new Subscriber(FakeTransport.immediate(), new Hub(new SimpleMeterRegistry(), 1, Hub.DEFAULT_HISTORY_MINUTES), 10));

  @Test
  void takesOnlyVersionsAboveTheLastTaken() {
    assertThat(subscription.takeVersion(Frame.of(count("a", 5, 20)))).isTrue();
    assertThat(subscription.takeVersion(Frame.of(count("a", 4, 19)))).isFalse();
    assertThat(subscription.takeVersion(Frame.of(count("a", 5, 20)))).isFalse();
    assertThat(subscription.takeVersion(Frame.of(count("a", 6, 21)))).isTrue();
  }

  @Test
  void aCancelledSubscriptionTakesNothing() {
    subscription.cancel();

    assertThat(subscription.takeVersion(Frame.of(count("a", 5, 20)))).isFalse();
  }
}
