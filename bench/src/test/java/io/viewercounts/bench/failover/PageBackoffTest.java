package io.viewercounts.bench.failover;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class PageBackoffTest {

  /** Always the top of the jitter range, so the test sees each ceiling. */
  private static final RandomGenerator HIGHEST = () -> -1L;

  private final PageBackoff backoff = new PageBackoff();

  @Test
  void doublesTheCeilingPerFailedAttemptUpTo30Seconds() {
    assertThat(backoff.nextDelayMillis(-1, HIGHEST)).isEqualTo(999);
    assertThat(backoff.nextDelayMillis(-1, HIGHEST)).isEqualTo(1_999);
    assertThat(backoff.nextDelayMillis(-1, HIGHEST)).isEqualTo(3_999);
    for (int i = 0; i < 10; i++) {
      backoff.nextDelayMillis(-1, HIGHEST);
    }
    assertThat(backoff.nextDelayMillis(-1, HIGHEST)).isEqualTo(29_999);
  }

  @Test
  void startsAfreshAfterAConnectionThatStayedOpenTenSeconds() {
    backoff.nextDelayMillis(-1, HIGHEST);
    backoff.nextDelayMillis(2_000, HIGHEST);

    assertThat(backoff.nextDelayMillis(10_000, HIGHEST)).isEqualTo(999);
  }

  @Test
  void waitsARandomTimeBelowTheCeiling() {
    assertThat(backoff.nextDelayMillis(-1, () -> 0L)).isZero();
  }
}
