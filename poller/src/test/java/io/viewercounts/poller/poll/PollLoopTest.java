package io.viewercounts.poller.poll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.viewercounts.poller.streams.WriteResult;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PollLoopTest {

  static final CycleResult WROTE_NOTHING = CycleResult.success(WriteResult.NOTHING);

  @Test
  void runsCyclesAgainAndAgain() {
    AtomicInteger cycles = new AtomicInteger();
    try (PollLoop loop = new PollLoop(() -> count(cycles), Duration.ofMillis(10))) {
      loop.start();

      await().atMost(Duration.ofSeconds(10)).until(() -> cycles.get() >= 3);
    }
  }

  @Test
  void cyclesNeverOverlap() {
    AtomicInteger running = new AtomicInteger();
    AtomicInteger mostAtOnce = new AtomicInteger();
    AtomicInteger cycles = new AtomicInteger();
    PollLoop.Cycle slow =
        () -> {
          mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
          Thread.sleep(30);
          running.decrementAndGet();
          return count(cycles);
        };
    try (PollLoop loop = new PollLoop(slow, Duration.ofMillis(1))) {
      loop.start();

      await().atMost(Duration.ofSeconds(10)).until(() -> cycles.get() >= 5);
    }
    assertThat(mostAtOnce.get()).isEqualTo(1);
  }

  @Test
  void keepsGoingAfterACycleThrows() {
    AtomicInteger cycles = new AtomicInteger();
    PollLoop.Cycle flaky =
        () -> {
          if (cycles.incrementAndGet() == 1) {
            throw new IllegalStateException("bug");
          }
          return WROTE_NOTHING;
        };
    try (PollLoop loop = new PollLoop(flaky, Duration.ofMillis(10))) {
      loop.start();

      await().atMost(Duration.ofSeconds(10)).until(() -> cycles.get() >= 3);
    }
  }

  @Test
  void stopsWithinAFewSecondsEvenDuringACycle() throws Exception {
    CountDownLatch cycleStarted = new CountDownLatch(1);
    PollLoop.Cycle stuck =
        () -> {
          cycleStarted.countDown();
          Thread.sleep(Duration.ofMinutes(5).toMillis());
          return WROTE_NOTHING;
        };
    PollLoop loop = new PollLoop(stuck, Duration.ofSeconds(1));
    loop.start();
    assertThat(cycleStarted.await(10, TimeUnit.SECONDS)).isTrue();

    long start = System.nanoTime();
    loop.close();

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    assertThat(loop.isRunning()).isFalse();
  }

  @Test
  void canBeStartedAgainAfterStopping() {
    AtomicInteger cycles = new AtomicInteger();
    PollLoop loop = new PollLoop(() -> count(cycles), Duration.ofMillis(10));
    loop.start();
    loop.close();
    int afterStop = cycles.get();

    loop.start();
    try {
      await().atMost(Duration.ofSeconds(10)).until(() -> cycles.get() > afterStop);
    } finally {
      loop.close();
    }
  }

  @Test
  void waitsTheIntervalAfterACycle() {
    assertThat(PollLoop.nextDelay(Duration.ofSeconds(5), WROTE_NOTHING))
        .isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void waitsALongerRetryAfter() {
    CycleResult limited = CycleResult.failure("rate_limited", Optional.of(Duration.ofSeconds(30)));

    assertThat(PollLoop.nextDelay(Duration.ofSeconds(5), limited))
        .isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void neverWaitsLessThanTheIntervalNorMoreThanTheCap() {
    CycleResult soon = CycleResult.failure("rate_limited", Optional.of(Duration.ofSeconds(1)));
    CycleResult tomorrow = CycleResult.failure("rate_limited", Optional.of(Duration.ofDays(1)));

    assertThat(PollLoop.nextDelay(Duration.ofSeconds(5), soon)).isEqualTo(Duration.ofSeconds(5));
    assertThat(PollLoop.nextDelay(Duration.ofSeconds(5), tomorrow))
        .isEqualTo(PollLoop.MAX_RETRY_AFTER);
  }

  private static CycleResult count(AtomicInteger cycles) {
    cycles.incrementAndGet();
    return WROTE_NOTHING;
  }
}
