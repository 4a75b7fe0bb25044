package io.viewercounts.poller.poll;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static io.viewercounts.poller.testing.FakeLivepeer.array;
import static io.viewercounts.poller.testing.FakeLivepeer.status;
import static io.viewercounts.poller.testing.FakeLivepeer.streamsRequested;
import static io.viewercounts.poller.testing.FakeLivepeer.viewsRequested;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.viewercounts.poller.leader.LeaderLock;
import io.viewercounts.poller.livepeer.CircuitBreaker;
import io.viewercounts.poller.livepeer.LivepeerClient;
import io.viewercounts.poller.livepeer.RetryPolicy;
import io.viewercounts.poller.streams.StreamTableWriter;
import io.viewercounts.poller.streams.WriteResult;
import io.viewercounts.poller.testing.FakeLivepeer;
import io.viewercounts.poller.testing.FakeLivepeer.Stream;
import io.viewercounts.poller.testing.MutableClock;
import io.viewercounts.poller.testing.TestDatabase;
import io.viewercounts.poller.testing.TestDatabase.StoredRow;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class PollCycleTest {

  static final String KEY = "lp-5d1e77b0-poller-test-key";
  static final long TERMINATED = 1713281212993L;
  static final long LOCK_ID = 42;
  static final int EMPTY_LIST_CONFIRMATIONS = 3;
  static final int UNLISTED_STREAM_CONFIRMATIONS = 3;

  @RegisterExtension static final TestDatabase database = TestDatabase.migrated();
  @RegisterExtension static final FakeLivepeer livepeer = new FakeLivepeer();

  final MutableClock circuitClock = new MutableClock(Instant.parse("2026-11-25T17:00:00Z"));
  final List<LeaderLock> locks = new ArrayList<>();
  MeterRegistry meters;
  PollStatus status;
  CircuitBreaker circuit;
  PollCycle cycle;

  @BeforeEach
  void freshCycle() {
    database.truncate();
    livepeer.reset();
    meters = new SimpleMeterRegistry();
    status = new PollStatus();
    circuit = new CircuitBreaker(2, Duration.ofMinutes(1), circuitClock);
    cycle = cycle(RetryPolicy.ONCE);
  }

  @AfterEach
  void releaseLocks() {
    locks.forEach(LeaderLock::close);
    database.awaitLockFree(LOCK_ID);
  }

  @Test
  void writesWhatLivepeerAnswers() throws Exception {
    livepeer.streams(
        Stream.live("s-1", "pb-1"),
        Stream.live("s-2", "pb-2"),
        Stream.idle("s-3", "pb-3", TERMINATED));
    livepeer.views(Map.of("pb-1", 12, "pb-3", 4));

    CycleResult result = cycle.run();

    assertThat(result).isEqualTo(CycleResult.success(new WriteResult(0, 3)));
    Map<String, StoredRow> rows = database.rows();
    assertThat(rows.get("s-1"))
        .extracting(StoredRow::name, StoredRow::live, StoredRow::viewerCount, StoredRow::endedAt)
        .containsExactly("Show s-1", true, 12, null);
    assertThat(rows.get("s-2").viewerCount()).as("live, missing from views/now").isZero();
    assertThat(rows.get("s-3"))
        .extracting(StoredRow::live, StoredRow::viewerCount, StoredRow::endedAt)
        .containsExactly(false, 0, Instant.ofEpochMilli(TERMINATED));
  }

  @Test
  void anUnchangedPollWritesNothing() throws Exception {
    livepeer.streams(Stream.live("s-1", "pb-1"), Stream.idle("s-2", "pb-2", TERMINATED));
    livepeer.views(Map.of("pb-1", 12));
    cycle.run();
    Map<String, StoredRow> before = database.rows();

    CycleResult again = cycle.run();

    assertThat(again.written()).isEqualTo(WriteResult.NOTHING);
    assertThat(database.rows()).as("same rows, same xmin").isEqualTo(before);
  }

  @Test
  void onlyTheStreamThatChangedIsTouched() throws Exception {
    livepeer.streams(
        Stream.live("s-1", "pb-1"), Stream.live("s-2", "pb-2"), Stream.live("s-3", "pb-3"));
    livepeer.views(Map.of("pb-1", 1, "pb-2", 2, "pb-3", 3));
    cycle.run();
    Map<String, StoredRow> before = database.rows();
    livepeer.views(Map.of("pb-1", 1, "pb-2", 20, "pb-3", 3));

    CycleResult result = cycle.run();

    assertThat(result.written()).isEqualTo(new WriteResult(1, 0));
    Map<String, StoredRow> after = database.rows();
    assertThat(after.get("s-2").viewerCount()).isEqualTo(20);
    assertThat(after.get("s-2").xmin()).isNotEqualTo(before.get("s-2").xmin());
    assertThat(after.get("s-1")).isEqualTo(before.get("s-1"));
    assertThat(after.get("s-3")).isEqualTo(before.get("s-3"));
  }

  @Test
  void endedAtFollowsTheStreamGoingOffAndOnAgain() throws Exception {
    Stream show = Stream.live("s-1", "pb-1");
    livepeer.streams(show);
    livepeer.views(Map.of("pb-1", 9));
    cycle.run();

    livepeer.streams(show.stopped(TERMINATED));
    cycle.run();
    StoredRow ended = database.rows().get("s-1");
    livepeer.streams(show.stopped(TERMINATED).started());
    cycle.run();
    StoredRow liveAgain = database.rows().get("s-1");

    assertThat(ended)
        .extracting(StoredRow::live, StoredRow::viewerCount, StoredRow::endedAt)
        .containsExactly(false, 0, Instant.ofEpochMilli(TERMINATED));
    assertThat(liveAgain)
        .extracting(StoredRow::live, StoredRow::viewerCount, StoredRow::endedAt)
        .containsExactly(true, 9, null);
  }

  static java.util.stream.Stream<Arguments> failures() {
    return java.util.stream.Stream.of(
        failure(
            "server error",
            "server_error",
            fake -> fake.answerViews(status(500, "{\"errors\":[\"boom\"]}"))),
        failure(
            "client error",
            "http_status",
            fake -> fake.answerStreams(status(404, "{\"errors\":[\"not found\"]}"))),
        failure(
            "timeout", "timeout", fake -> fake.answerStreams(okJson("[]").withFixedDelay(3_000))),
        failure(
            "connection reset",
            "connection",
            fake -> fake.answerViews(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER))),
        failure(
            "not JSON",
            "malformed",
            fake -> fake.answerViews(okJson("<html>502 Bad Gateway</html>"))),
        failure(
            "wrong shape", "malformed", fake -> fake.answerStreams(okJson("{\"streams\": []}"))),
        failure(
            "negative count",
            "malformed",
            fake ->
                fake.answerViews(
                    okJson("[{\"playbackId\": \"pb-1\", \"viewCount\": -3, \"errorRate\": 0}]"))),
        failure(
            "absurd count",
            "malformed",
            fake ->
                fake.answerViews(
                    okJson(
                        "[{\"playbackId\": \"pb-1\", \"viewCount\": 2000000000,"
                            + " \"errorRate\": 0}]"))),
        failure(
            "missing id",
            "malformed",
            fake ->
                fake.answerStreams(
                    okJson(array(Stream.live("s-1", "pb-1").json().replace("\"id\": \"s-1\",", ""))))),
        failure(
            "rate limited",
            "rate_limited",
            fake -> fake.answerViews(status(429, "{}").withHeader("Retry-After", "7"))));
  }

  private static Arguments failure(String name, String kind, Consumer<FakeLivepeer> breakLivepeer) {
    return Arguments.of(name, kind, breakLivepeer);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("failures")
  void aFailedCycleWritesNothingIsCountedAndTheNextOneWorks(
      String name, String kind, Consumer<FakeLivepeer> breakLivepeer) throws Exception {
    livepeer.streams(Stream.live("s-1", "pb-1"));
    livepeer.views(Map.of("pb-1", 12));
    cycle.run();
    Map<String, StoredRow> before = database.rows();

    livepeer.streams(Stream.live("s-1", "pb-1"), Stream.live("s-2", "pb-2"));
    livepeer.views(Map.of("pb-1", 13, "pb-2", 1));
    breakLivepeer.accept(livepeer);
    CycleResult failed = cycle.run();

    assertThat(failed.succeeded()).isFalse();
    assertThat(failed.failureKind()).isEqualTo(kind);
    assertThat(database.rows()).as("table untouched").isEqualTo(before);
    assertThat(errors(kind)).isEqualTo(1);
    assertThat(status.snapshot().lastFailureKind()).isEqualTo(kind);

    livepeer.reset();
    livepeer.streams(Stream.live("s-1", "pb-1"), Stream.live("s-2", "pb-2"));
    livepeer.views(Map.of("pb-1", 13, "pb-2", 1));
    CycleResult next = cycle.run();

    assertThat(next.written()).isEqualTo(new WriteResult(1, 1));
    assertThat(database.rows().get("s-1").viewerCount()).isEqualTo(13);
    assertThat(status.snapshot().consecutiveFailures()).isZero();
  }

  @Test
  void keepsLivepeersRetryAfterForTheLoop() throws Exception {
    livepeer.streams(Stream.live("s-1", "pb-1"));
    livepeer.answerViews(status(429, "{}").withHeader("Retry-After", "60"));

    assertThat(cycle.run().retryAfter()).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void aDatabaseFailureWritesNothingIsCountedAndTheNextCycleWorks() throws Exception {
    livepeer.streams(Stream.live("s-1", "pb-1"));
    livepeer.views(Map.of("pb-1", 12));
    database.execute("alter table streams rename to streams_elsewhere");
    CycleResult failed;
    try {
      failed = cycle.run();
    } finally {
      database.execute("alter table streams_elsewhere rename to streams");
    }

    CycleResult next = cycle.run();

    assertThat(failed.failureKind()).isEqualTo("database");
    assertThat(status.snapshot().lastFailureMessage())
        .contains("relation \"streams\" does not exist")
        .doesNotContain("\n");
    assertThat(errors("database")).isEqualTo(1);
    assertThat(next.written()).isEqualTo(new WriteResult(0, 1));
  }

  @Test
  void sendsTheApiKeyAsBearerToken() throws Exception {
    livepeer.streams(Stream.live("s-1", "pb-1"));
    livepeer.views(Map.of());

    cycle.run();

    livepeer.verifyBearerTokenSent(KEY);
  }

  @Test
  void logsAFailureAsOneLineWithoutTheKey(CapturedOutput output) throws Exception {
    livepeer.answerStreams(status(401, "{\"errors\":[\"invalid token " + KEY + "\"]}"));

    cycle.run();

    assertThat(output.getAll()).doesNotContain(KEY);
    assertThat(output.getAll().lines().filter(line -> line.contains("Poll cycle failed")))
        .singleElement()
        .asString()
        .contains("Poll cycle failed (http_status): GET /stream answered HTTP 401", "[redacted]");
    assertThat(status.snapshot().lastFailureMessage()).doesNotContain(KEY);
  }

  @Test
  void measuresCyclesCallsAndChanges() throws Exception {
    livepeer.streams(Stream.live("s-1", "pb-1"), Stream.live("s-2", "pb-2"));
    livepeer.views(Map.of("pb-1", 12));

    cycle.run();
    cycle.run();

    assertThat(meters.get(PollerMetrics.CYCLE).tag("outcome", "success").timer().count())
        .isEqualTo(2);
    assertThat(meters.get(PollerMetrics.LIVEPEER_CALLS).tag("call", "streams").timer().count())
        .isEqualTo(2);
    assertThat(meters.get(PollerMetrics.LIVEPEER_CALLS).tag("call", "views_now").timer().count())
        .isEqualTo(2);
    assertThat(meters.get(PollerMetrics.ROWS_CHANGED).summary().totalAmount()).isEqualTo(2);
    assertThat(meters.get(PollerMetrics.STREAMS).gauge().value()).isEqualTo(2);
    assertThat(meters.get(PollerMetrics.ERRORS).tag("kind", "timeout").counter().count()).isZero();
    assertThat(meters.get(PollerMetrics.ACTIVE).gauge().value()).isEqualTo(1);
    assertThat(meters.get(PollerMetrics.CIRCUIT).tag("state", "closed").gauge().value())
        .isEqualTo(1);
    assertThat(meters.get(PollerMetrics.CIRCUIT).tag("state", "open").gauge().value()).isZero();
  }

  @Test
  void retriesAServerErrorWithinTheCycle() throws Exception {
    cycle = cycle(new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(5)));
    livepeer.streams(Stream.live("s-1", "pb-1"));
    livepeer
        .server()
        .stubFor(
            FakeLivepeer.viewsRequest()
                .inScenario("flaky")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(status(503, "{}"))
                .willSetStateTo("up"));
    livepeer
        .server()
        .stubFor(
            FakeLivepeer.viewsRequest()
                .inScenario("flaky")
                .whenScenarioStateIs("up")
                .willReturn(okJson("[{\"playbackId\": \"pb-1\", \"viewCount\": 5}]")));

    CycleResult result = cycle.run();

    assertThat(result.written()).isEqualTo(new WriteResult(0, 1));
    assertThat(database.rows().get("s-1").viewerCount()).isEqualTo(5);
    assertThat(meters.get(PollerMetrics.RETRIES).tag("kind", "server_error").counter().count())
        .isEqualTo(1);
  }

  @Test
  void anEmptyListAfterStreamsIsNotBelievedUntilConfirmed() throws Exception {
    livepeer.streams(Stream.live("s-1", "pb-1"), Stream.live("s-2", "pb-2"));
    livepeer.views(Map.of("pb-1", 12, "pb-2", 3));
    cycle.run();
    Map<String, StoredRow> before = database.rows();
    livepeer.streams();

    CycleResult first = cycle.run();
    CycleResult second = cycle.run();

    assertThat(List.of(first, second))
        .allSatisfy(doubted -> assertThat(doubted.failureKind()).isEqualTo("suspect_empty"));
    assertThat(status.snapshot().lastFailureMessage())
        .isEqualTo(
            "GET /stream listed no streams, after 2 streams: not believed before 3 empty answers"
                + " in a row (2 so far)");
    assertThat(status.snapshot().streamsSeen()).isEqualTo(2);
    assertThat(errors("suspect_empty")).isEqualTo(2);
    livepeer.server().verify(1, viewsRequested());

    CycleResult third = cycle.run();

    assertThat(third.written()).isEqualTo(WriteResult.NOTHING);
    assertThat(status.snapshot().streamsSeen()).isZero();
    assertThat(database.rows()).as("still live, never deleted").isEqualTo(before);
  }

  @Test
  void aStreamDeletedInLivepeerIsEndedAfterItWasMissingFromEnoughLists(CapturedOutput output)
      throws Exception {
    livepeer.streams(Stream.live("s-1", "pb-1"), Stream.live("deleted", "pb-2"));
    livepeer.views(Map.of("pb-1", 12, "pb-2", 999));
    cycle.run();
    livepeer.streams(Stream.live("s-1", "pb-1"));

    for (int i = 1; i < UNLISTED_STREAM_CONFIRMATIONS; i++) {
      cycle.run();
      assertThat(database.rows().get("deleted").live()).as("after %d lists", i).isTrue();
    }
    cycle.run();

    StoredRow deleted = database.rows().get("deleted");
    assertThat(deleted.live()).isFalse();
    assertThat(deleted.viewerCount()).isZero();
    assertThat(deleted.endedAt()).isNotNull();
    assertThat(database.rows().get("s-1").live()).isTrue();
    assertThat(output.getAll())
        .contains("Ended 1 live streams Livepeer no longer lists (3 lists in a row without them)");
  }

  @Test
  void aStreamListedAgainBeforeItsConfirmationsStaysLive() throws Exception {
    livepeer.streams(Stream.live("s-1", "pb-1"), Stream.live("flaky", "pb-2"));
    livepeer.views(Map.of("pb-2", 5));
    cycle.run();

    livepeer.streams(Stream.live("s-1", "pb-1"));
    cycle.run();
    cycle.run();
    livepeer.streams(Stream.live("s-1", "pb-1"), Stream.live("flaky", "pb-2"));
    cycle.run();
    livepeer.streams(Stream.live("s-1", "pb-1"));
    cycle.run();
    cycle.run();

    assertThat(database.rows().get("flaky").live()).isTrue();
    assertThat(database.rows().get("flaky").viewerCount()).isEqualTo(5);
  }

  @Test
  void failedOrSuspectListsNeverEndAStream() throws Exception {
    livepeer.streams(Stream.live("s-1", "pb-1"), Stream.live("s-2", "pb-2"));
    livepeer.views(Map.of("pb-1", 1, "pb-2", 2));
    cycle.run();
    Map<String, StoredRow> before = database.rows();

    livepeer.answerStreams(status(500, "{}")); // once: two in a row would open the circuit
    assertThat(cycle.run().failureKind()).isEqualTo("server_error");
    livepeer.answerStreams(okJson("[" + Stream.live("s-1", "pb-1").json())); // cut short
    for (int i = 0; i < UNLISTED_STREAM_CONFIRMATIONS; i++) {
      assertThat(cycle.run().failureKind()).isEqualTo("malformed");
    }
    livepeer.streams(); // empty: suspect until confirmed
    for (int i = 0; i < EMPTY_LIST_CONFIRMATIONS - 1; i++) {
      assertThat(cycle.run().failureKind()).isEqualTo("suspect_empty");
    }

    assertThat(database.rows()).isEqualTo(before);
  }

  @Test
  void aBelievedEmptyListEndsEveryLiveStreamAfterItsConfirmations() throws Exception {
    livepeer.streams(Stream.live("s-1", "pb-1"));
    livepeer.views(Map.of("pb-1", 7));
    cycle.run();
    livepeer.streams();

    for (int i = 0; i < EMPTY_LIST_CONFIRMATIONS - 1 + UNLISTED_STREAM_CONFIRMATIONS - 1; i++) {
      cycle.run();
      assertThat(database.rows().get("s-1").live()).isTrue();
    }
    cycle.run();

    assertThat(database.rows().get("s-1").live()).isFalse();
  }

  @Test
  void aNewlyActivePollerDoesNotBelieveItsFirstEmptyList() throws Exception {
    livepeer.streams();

    assertThat(cycle.run().failureKind()).isEqualTo("suspect_empty");
  }

  @Test
  void standsByWithoutCallingLivepeerWhileAnotherPollerIsActive() throws Exception {
    LeaderLock other = lock();
    assertThat(other.acquire()).isPresent();
    livepeer.streams(Stream.live("s-1", "pb-1"));
    livepeer.views(Map.of("pb-1", 12));

    CycleResult result = cycle.run();

    assertThat(result.stoodBy()).isTrue();
    livepeer.server().verify(0, streamsRequested());
    assertThat(database.rows()).isEmpty();
    assertThat(status.snapshot().active()).isFalse();
    assertThat(meters.get(PollerMetrics.ACTIVE).gauge().value()).isZero();

    other.close();
    database.awaitLockFree(LOCK_ID);
    CycleResult takenOver = cycle.run();

    assertThat(takenOver.written()).isEqualTo(new WriteResult(0, 1));
    assertThat(status.snapshot().active()).isTrue();
    assertThat(meters.get(PollerMetrics.ACTIVE).gauge().value()).isEqualTo(1);
  }

  @Test
  void aPollerWhoseSessionWasEndedStopsWriting(CapturedOutput output) throws Exception {
    livepeer.streams(Stream.live("s-1", "pb-1"));
    livepeer.views(Map.of("pb-1", 12));
    cycle.run();
    database.terminateSessionHolding(LOCK_ID);
    LeaderLock other = lock();
    assertThat(other.acquire()).as("the lock went with the session").isPresent();
    livepeer.views(Map.of("pb-1", 13));

    CycleResult result = cycle.run();

    assertThat(result.stoodBy()).isTrue();
    assertThat(database.rows().get("s-1").viewerCount()).isEqualTo(12);
    assertThat(output.getAll())
        .contains("Lost advisory lock 42: its database session ended", "standing by");
  }

  @Test
  void whileTheCircuitIsOpenNothingIsCalledNorWrittenAndTheLogSaysSoOnce(CapturedOutput output)
      throws Exception {
    livepeer.streams(Stream.live("s-1", "pb-1"));
    livepeer.views(Map.of("pb-1", 12));
    cycle.run();
    Map<String, StoredRow> before = database.rows();
    livepeer.answerStreams(status(500, "{\"errors\":[\"down " + KEY + "\"]}"));

    for (int i = 0; i < 5; i++) {
      cycle.run();
    }

    assertThat(database.rows()).isEqualTo(before);
    livepeer.server().verify(1 + 2, streamsRequested());
    assertThat(errors("circuit_open")).isEqualTo(3);
    assertThat(meters.get(PollerMetrics.CIRCUIT).tag("state", "open").gauge().value())
        .isEqualTo(1);

    livepeer.streams(Stream.live("s-1", "pb-1"));
    livepeer.views(Map.of("pb-1", 14));
    circuitClock.advance(Duration.ofMinutes(1));
    CycleResult recovered = cycle.run();

    assertThat(recovered.written()).isEqualTo(new WriteResult(1, 0));
    assertThat(warnings(output))
        .satisfiesExactly(
            failed -> assertThat(failed).contains("Poll cycle failed (server_error)"),
            opened -> assertThat(opened).contains("Livepeer circuit opened after 2 failed"));
    assertThat(output.getAll())
        .contains("Livepeer answers again: circuit closed", "Polling recovered after 5 failed")
        .doesNotContain(KEY);
  }

  private List<String> warnings(CapturedOutput output) {
    return output.getAll().lines().filter(line -> line.contains(" WARN ")).toList();
  }

  private PollCycle cycle(RetryPolicy retry) {
    PollerMetrics metrics = new PollerMetrics(meters, circuit);
    LivepeerClient client =
        LivepeerClient.create(
                URI.create(livepeer.apiUrl()), KEY, Duration.ofSeconds(5), Duration.ofSeconds(2))
            .withResilience(retry, circuit, metrics::recordRetry);
    return new PollCycle(
        client,
        lock(),
        new StreamTableWriter(Duration.ofSeconds(5)),
        EMPTY_LIST_CONFIRMATIONS,
        UNLISTED_STREAM_CONFIRMATIONS,
        metrics,
        status,
        Clock.systemUTC());
  }

  private LeaderLock lock() {
    LeaderLock lock = new LeaderLock(database.dataSource(), LOCK_ID);
    locks.add(lock);
    return lock;
  }

  private double errors(String kind) {
    return meters.get(PollerMetrics.ERRORS).tag("kind", kind).counter().count();
  }
}
