package io.viewercounts.poller.livepeer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

  final RetryPolicy policy = new RetryPolicy(5, Duration.ofMillis(250), Duration.ofSeconds(2));

  @Test
  void theLongestWaitDoublesUpToTheCap() {
    assertThat(IntStream.rangeClosed(1, 6).mapToObj(policy::ceiling))
        .containsExactly(
            Duration.ofMillis(250),
            Duration.ofMillis(500),
            Duration.ofSeconds(1),
            Duration.ofSeconds(2),
            Duration.ofSeconds(2),
            Duration.ofSeconds(2));
  }

  @Test
  void eachWaitIsDrawnBetweenZeroAndTheLongest() {
    assertThat(policy.backoff(3, 0.0)).isZero();
    assertThat(policy.backoff(3, 0.5)).isEqualTo(Duration.ofMillis(500));
    assertThat(policy.backoff(3, 0.999)).isEqualTo(Duration.ofMillis(999));
    for (int i = 0; i < 100; i++) {
      assertThat(policy.backoff(2)).isBetween(Duration.ZERO, Duration.ofMillis(500));
    }
  }

  @Test
  void aHugeRetryNumberStaysAtTheCap() {
    assertThat(policy.ceiling(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void refusesNoAttemptAtAll() {
    assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxAttempts");
  }

  @Test
  void refusesAMaxBackoffBelowTheInitialOne() {
    assertThatThrownBy(() -> new RetryPolicy(3, Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("initial <= max");
  }
}
