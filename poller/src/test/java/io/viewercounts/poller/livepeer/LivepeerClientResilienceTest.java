package io.viewercounts.poller.livepeer;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.viewercounts.poller.testing.FakeLivepeer.array;
import static io.viewercounts.poller.testing.FakeLivepeer.status;
import static io.viewercounts.poller.testing.FakeLivepeer.streamsPageRequest;
import static io.viewercounts.poller.testing.FakeLivepeer.streamsRequest;
import static io.viewercounts.poller.testing.FakeLivepeer.streamsRequested;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import io.viewercounts.poller.livepeer.CircuitBreaker.State;
import io.viewercounts.poller.livepeer.LivepeerException.Kind;
import io.viewercounts.poller.testing.FakeLivepeer;
import io.viewercounts.poller.testing.FakeLivepeer.Stream;
import io.viewercounts.poller.testing.MutableClock;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Retries with backoff and the circuit breaker, as the client applies them to each request. */
@ExtendWith(OutputCaptureExtension.class)
class LivepeerClientResilienceTest {

  static final String KEY = "lp-3e8b12aa-resilience-test-key";
  static final RetryPolicy THREE_QUICK_TRIES =
      new RetryPolicy(3, Duration.ofMillis(5), Duration.ofMillis(20));
  static final String STREAM = Stream.live("s-1", "pb-1").json();

  @RegisterExtension static final FakeLivepeer livepeer = new FakeLivepeer();

  final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T17:00:00Z"));
  final CircuitBreaker circuit = new CircuitBreaker(2, Duration.ofMinutes(1), clock);
  final List<Kind> retried = new CopyOnWriteArrayList<>();

  @BeforeEach
  void resetLivepeer() {
    livepeer.reset();
  }

  /**
   * The retries are logged at DEBUG (the console's default hides them); this class reads them,
   * whatever level an app started earlier in this JVM left behind.
   */
  @BeforeEach
  void showRetries() {
    logging().setLogLevel(LivepeerClient.class.getName(), LogLevel.DEBUG);
  }

  @AfterEach
  void retriesAtTheirOwnLevel() {
    logging().setLogLevel(LivepeerClient.class.getName(), null);
  }

  private static LoggingSystem logging() {
    return LoggingSystem.get(LivepeerClientResilienceTest.class.getClassLoader());
  }

  @Test
  void retriesAServerErrorAndReturnsTheAnswer() throws Exception {
    answerStreamsInTurn(status(503, "{}"), okJson(array(STREAM)));

    assertThat(client().streams()).extracting(LivepeerStream::id).containsExactly("s-1");
    assertThat(requests()).isEqualTo(2);
    assertThat(retried).containsExactly(Kind.SERVER_ERROR);
  }

  @Test
  void retriesABrokenConnection() throws Exception {
    // Garbage then close: a reset before any byte the JDK's client silently retries once itself.
    answerStreamsInTurn(
        aResponse().withFault(Fault.RANDOM_DATA_THEN_CLOSE), okJson(array(STREAM)));

    assertThat(client().streams()).hasSize(1);
    assertThat(retried).containsExactly(Kind.CONNECTION);
  }

  @Test
  void retriesATimeout() throws Exception {
    answerStreamsInTurn(okJson("[]").withFixedDelay(2_000), okJson(array(STREAM)));

    assertThat(client(Duration.ofMillis(500)).streams()).hasSize(1);
    assertThat(retried).containsExactly(Kind.TIMEOUT);
  }

  @Test
  void givesUpAfterTheLastAttempt() {
    livepeer.answerStreams(status(500, "{}"));

    LivepeerException failed = refusal(() -> client().streams());

    assertThat(failed.kind()).isEqualTo(Kind.SERVER_ERROR);
    assertThat(requests()).isEqualTo(3);
    assertThat(retried).hasSize(2);
  }

  @Test
  void doesNotRetryARefusal() {
    livepeer.answerStreams(status(401, "{\"errors\":[\"invalid key\"]}"));

    assertThat(refusal(() -> client().streams()).kind()).isEqualTo(Kind.HTTP_STATUS);
    assertThat(requests()).isEqualTo(1);
  }

  @Test
  void leavesRateLimitingToTheLoopWithItsRetryAfter() {
    livepeer.answerStreams(status(429, "{}").withHeader("Retry-After", "20"));

    LivepeerException limited = refusal(() -> client().streams());

    assertThat(limited.retryAfter()).contains(Duration.ofSeconds(20));
    assertThat(requests()).isEqualTo(1);
  }

  @Test
  void doesNotRetryAMalformedAnswer() {
    livepeer.answerStreams(okJson("{\"not\": \"a list\"}"));

    assertThat(refusal(() -> client().streams()).kind()).isEqualTo(Kind.MALFORMED);
    assertThat(requests()).isEqualTo(1);
  }

  @Test
  void retriesOnlyThePageThatFailed() throws Exception {
    livepeer.answerStreams(
        okJson(array(STREAM)).withHeader("Link", "</api/stream?streamsonly=1&cursor=c2>; rel=next"));
    livepeer
        .server()
        .stubFor(
            streamsPageRequest("c2")
                .inScenario("page 2")
                .whenScenarioStateIs(STARTED)
                .willReturn(status(502, "<html>Bad gateway</html>"))
                .willSetStateTo("recovered"));
    livepeer
        .server()
        .stubFor(
            streamsPageRequest("c2")
                .inScenario("page 2")
                .whenScenarioStateIs("recovered")
                .willReturn(okJson(array(Stream.live("s-2", "pb-2").json()))));

    assertThat(client().streams()).extracting(LivepeerStream::id).containsExactly("s-1", "s-2");
    livepeer.server().verify(2, streamsRequested().withQueryParam("cursor", equalTo("c2")));
    assertThat(requests()).as("page 1 once, page 2 twice").isEqualTo(3);
  }

  @Test
  void opensTheCircuitAfterRepeatedOutagesAndStopsCalling() {
    livepeer.answerStreams(status(500, "{}"));
    LivepeerClient client = client();
    refusal(client::streams);
    refusal(client::streams);
    int beforeOpen = requests();

    LivepeerException skipped = refusal(client::streams);

    assertThat(client.circuitState()).isEqualTo(State.OPEN);
    assertThat(skipped.kind()).isEqualTo(Kind.CIRCUIT_OPEN);
    assertThat(requests()).as("no request while open").isEqualTo(beforeOpen);
  }

  @Test
  void triesOnceAfterTheOpenDurationAndClosesWhenLivepeerAnswers() throws Exception {
    livepeer.answerStreams(status(500, "{}"));
    LivepeerClient client = client();
    refusal(client::streams);
    refusal(client::streams);
    clock.advance(Duration.ofMinutes(1));
    int beforeTrial = requests();

    refusal(client::streams);

    assertThat(requests()).as("the trial is a single try").isEqualTo(beforeTrial + 1);
    assertThat(client.circuitState()).isEqualTo(State.OPEN);

    livepeer.answerStreams(okJson(array(STREAM)));
    clock.advance(Duration.ofMinutes(1));

    assertThat(client.streams()).hasSize(1);
    assertThat(client.circuitState()).isEqualTo(State.CLOSED);
  }

  @Test
  void aRefusalProvesLivepeerIsUp() {
    livepeer.answerStreams(status(500, "{}"));
    LivepeerClient client = client();
    refusal(client::streams);
    livepeer.answerStreams(status(401, "{}"));
    refusal(client::streams);
    livepeer.answerStreams(status(500, "{}"));

    refusal(client::streams);

    assertThat(client.circuitState()).isEqualTo(State.CLOSED);
  }

  @Test
  void neverLogsTheKeyWhileRetryingOrOpening(CapturedOutput output) {
    livepeer.answerStreams(status(500, "{\"errors\":[\"bad token " + KEY + "\"]}"));
    LivepeerClient client = client();

    refusal(client::streams);
    refusal(client::streams);
    refusal(client::streams);

    assertThat(output.getAll())
        .contains("Try 1 of 3 failed (server_error)", "Livepeer circuit opened", "[redacted]")
        .doesNotContain(KEY);
  }

  private void answerStreamsInTurn(
      ResponseDefinitionBuilder first, ResponseDefinitionBuilder second) {
    livepeer
        .server()
        .stubFor(
            streamsRequest()
                .inScenario("in turn")
                .whenScenarioStateIs(STARTED)
                .willReturn(first)
                .willSetStateTo("second"));
    livepeer
        .server()
        .stubFor(
            streamsRequest()
                .inScenario("in turn")
                .whenScenarioStateIs("second")
                .willReturn(second));
  }

  private LivepeerClient client() {
    return client(Duration.ofSeconds(5));
  }

  private LivepeerClient client(Duration requestTimeout) {
    return LivepeerClient.create(
            URI.create(livepeer.apiUrl()), KEY, Duration.ofSeconds(5), requestTimeout)
        .withResilience(THREE_QUICK_TRIES, circuit, retried::add);
  }

  private static int requests() {
    return livepeer.server().findAll(streamsRequested()).size();
  }

  private static LivepeerException refusal(Call call) {
    LivepeerException refused = catchThrowableOfType(LivepeerException.class, call::run);
    assertThat(refused).as("Livepeer call failed").isNotNull();
    return refused;
  }

  @FunctionalInterface
  private interface Call {
    List<?> run() throws Exception;
  }
}
