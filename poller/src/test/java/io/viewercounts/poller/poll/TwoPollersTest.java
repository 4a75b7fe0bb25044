package io.viewercounts.poller.poll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.viewercounts.poller.leader.LeaderLock;
import io.viewercounts.poller.livepeer.CircuitBreaker;
import io.viewercounts.poller.livepeer.LivepeerClient;
import io.viewercounts.poller.streams.StreamTableWriter;
import io.viewercounts.poller.testing.FakeLivepeer;
import io.viewercounts.poller.testing.FakeLivepeer.Stream;
import io.viewercounts.poller.testing.TestDatabase;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two pollers on one database, as a platform team runs them for availability: one polls, the
 * other stands by, and takes over within two intervals when the first dies.
 */
class TwoPollersTest {

  static final Duration INTERVAL = Duration.ofSeconds(1);
  static final long LOCK_ID = 99;

  @RegisterExtension static final TestDatabase database = TestDatabase.migrated();
  @RegisterExtension static final FakeLivepeer livepeer = new FakeLivepeer();

  /** When one poller ran a cycle that polled (not one that stood by). */
  record Span(String poller, long startNanos, long endNanos) {

    boolean overlaps(Span other) {
      return startNanos < other.endNanos && other.startNanos < endNanos;
    }
  }

  final List<Span> polled = new CopyOnWriteArrayList<>();
  Poller a;
  Poller b;

  @BeforeEach
  void twoPollers() {
    database.truncate();
    livepeer.reset();
    livepeer.streams(Stream.live("s-1", "pb-1"));
    livepeer.views(Map.of("pb-1", 10));
    a = new Poller("a");
    b = new Poller("b");
    a.start();
    b.start();
  }

  @AfterEach
  void stopPollers() {
    a.stop();
    b.stop();
    database.awaitLockFree(LOCK_ID);
  }

  @Test
  void onlyOnePollsTheOtherStandsByHealthy() {
    await().atMost(Duration.ofSeconds(10)).until(() -> polled.size() >= 3);

    assertThat(polled).extracting(Span::poller).containsOnly(activeOne().name);
    Poller standby = activeOne() == a ? b : a;
    assertThat(standby.status.snapshot().active()).isFalse();
    assertThat(standby.status.snapshot().lastStandbyAt()).isNotNull();
    assertThat(standby.meters.get(PollerMetrics.ACTIVE).gauge().value()).isZero();
    assertThat(activeOne().meters.get(PollerMetrics.ACTIVE).gauge().value()).isEqualTo(1);
  }

  @Test
  void whenTheActiveOneDiesTheOtherTakesOverWithinTwoIntervalsAndNeverPollsAtTheSameTime() {
    await().atMost(Duration.ofSeconds(10)).until(() -> polled.size() >= 3);
    Poller dying = activeOne();
    Poller survivor = dying == a ? b : a;

    // As when its process dies: it stops polling and the server ends its session.
    dying.loop.close();
    database.terminateSessionHolding(LOCK_ID);
    long diedAt = System.nanoTime();
    livepeer.views(Map.of("pb-1", 11));

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> polled.stream().anyMatch(span -> span.poller().equals(survivor.name)));
    Span firstTakenOver =
        polled.stream().filter(span -> span.poller().equals(survivor.name)).findFirst().get();
    assertThat(Duration.ofNanos(firstTakenOver.startNanos() - diedAt))
        .isLessThanOrEqualTo(INTERVAL.multipliedBy(2));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> database.rows().get("s-1").viewerCount() == 11);
    for (Span one : polled) {
      for (Span other : polled) {
        if (!one.poller().equals(other.poller())) {
          assertThat(one.overlaps(other)).as("%s and %s overlap", one, other).isFalse();
        }
      }
    }
  }

  @Test
  void aPollerWhoseSessionIsEndedStopsAndOneOfThemGoesOn() {
    await().atMost(Duration.ofSeconds(10)).until(() -> polled.size() >= 2);

    database.terminateSessionHolding(LOCK_ID);
    int before = polled.size();
    livepeer.views(Map.of("pb-1", 12));

    // A cycle's span is recorded only after it returns, just after its write is visible.
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> database.rows().get("s-1").viewerCount() == 12 && polled.size() > before);
    // The cut-off poller learns of its loss at its next cycle, within an interval.
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> a.lock.isHeld() ^ b.lock.isHeld());
  }

  private Poller activeOne() {
    return polled.get(0).poller().equals("a") ? a : b;
  }

  /** One poller instance: its own client, lock, cycle and loop, as its own process has. */
  final class Poller {

    final String name;
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final PollStatus status = new PollStatus();
    final LeaderLock lock = new LeaderLock(database.dataSource(), LOCK_ID);
    final PollLoop loop;

    Poller(String name) {
      this.name = name;
      CircuitBreaker circuit = CircuitBreaker.neverOpens();
      LivepeerClient client =
          LivepeerClient.create(
              URI.create(livepeer.apiUrl()), "", Duration.ofSeconds(5), Duration.ofSeconds(5));
      PollCycle cycle =
          new PollCycle(
              client,
              lock,
              new StreamTableWriter(Duration.ofSeconds(5)),
              3,
              3,
              new PollerMetrics(meters, circuit),
              status,
              Clock.systemUTC());
      this.loop = new PollLoop(() -> recorded(cycle), INTERVAL);
    }

    private CycleResult recorded(PollCycle cycle) throws InterruptedException {
      long start = System.nanoTime();
      CycleResult result = cycle.run();
      if (!result.stoodBy()) {
        polled.add(new Span(name, start, System.nanoTime()));
      }
      return result;
    }

    void start() {
      loop.start();
    }

    void stop() {
      loop.close();
      lock.close();
    }
  }
}
