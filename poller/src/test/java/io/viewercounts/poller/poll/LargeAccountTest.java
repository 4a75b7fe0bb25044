package io.viewercounts.poller.poll;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.viewercounts.poller.leader.LeaderLock;
import io.viewercounts.poller.livepeer.CircuitBreaker;
import io.viewercounts.poller.livepeer.LivepeerClient;
import io.viewercounts.poller.streams.StreamTableWriter;
import io.viewercounts.poller.streams.WriteResult;
import io.viewercounts.poller.testing.BulkLivepeer;
import io.viewercounts.poller.testing.TestDatabase;
import io.viewercounts.poller.testing.TestDatabase.StoredRow;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An account of 100,000 streams: correctness only; the time belongs to CycleBenchmark. */
class LargeAccountTest {

  static final int STREAMS = 100_000;

  @RegisterExtension static final TestDatabase database = TestDatabase.migrated();

  static BulkLivepeer livepeer;
  static LeaderLock lock;

  @BeforeAll
  static void startLivepeer() {
    livepeer = new BulkLivepeer();
    lock = new LeaderLock(database.dataSource(), 1);
  }

  @AfterAll
  static void stopLivepeer() throws Exception {
    lock.close();
    livepeer.close();
  }

  @Test
  void aCycleWritesExactlyTheTenPercentThatChanged() throws Exception {
    PollCycle cycle = cycle();
    livepeer.liveStreams(STREAMS);
    livepeer.views(STREAMS, i -> i % 1000);
    assertThat(cycle.run().written()).isEqualTo(new WriteResult(0, STREAMS));
    Map<String, StoredRow> before = database.rows();
    livepeer.views(STREAMS, i -> i % 10 == 0 ? i % 1000 + 1 : i % 1000);

    CycleResult result = cycle.run();

    assertThat(result.written()).isEqualTo(new WriteResult(STREAMS / 10, 0));
    Map<String, StoredRow> after = database.rows();
    Set<String> rewritten =
        after.values().stream()
            .filter(row -> row.xmin() != before.get(row.id()).xmin())
            .map(StoredRow::id)
            .collect(Collectors.toSet());
    assertThat(rewritten)
        .isEqualTo(
            IntStream.range(0, STREAMS)
                .filter(i -> i % 10 == 0)
                .mapToObj(i -> "s-" + i)
                .collect(Collectors.toSet()));
    assertThat(after.get("s-10").viewerCount()).isEqualTo(11);
    assertThat(after.get("s-11").viewerCount()).isEqualTo(11);
  }

  private static PollCycle cycle() {
    LivepeerClient client =
        LivepeerClient.create(
            URI.create(livepeer.apiUrl()), "", Duration.ofSeconds(5), Duration.ofSeconds(30));
    return new PollCycle(
        client,
        lock,
        new StreamTableWriter(Duration.ofSeconds(60)),
        3,
        3,
        new PollerMetrics(new SimpleMeterRegistry(), CircuitBreaker.neverOpens()),
        new PollStatus(),
        Clock.systemUTC());
  }
}
