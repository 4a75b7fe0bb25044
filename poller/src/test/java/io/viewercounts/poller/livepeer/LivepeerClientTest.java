package io.viewercounts.poller.livepeer;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.viewercounts.poller.testing.FakeLivepeer.array;
import static io.viewercounts.poller.testing.FakeLivepeer.status;
import static io.viewercounts.poller.testing.FakeLivepeer.streamsRequested;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.viewercounts.poller.livepeer.LivepeerException.Kind;
import io.viewercounts.poller.testing.FakeLivepeer;
import io.viewercounts.poller.testing.FakeLivepeer.Stream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream.Builder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LivepeerClientTest {

  static final String KEY = "lp-7f3a9c21-secret-key";

  @RegisterExtension static final FakeLivepeer livepeer = new FakeLivepeer();

  @BeforeEach
  void resetLivepeer() {
    livepeer.reset();
  }

  @Test
  void readsTheStreamsLivepeerLists() throws Exception {
    livepeer.streams(Stream.live("s-1", "pb-1"), Stream.idle("s-2", "pb-2", 1713281212993L));

    assertThat(client().streams())
        .containsExactly(
            new LivepeerStream("s-1", "Show s-1", "pb-1", true, null),
            new LivepeerStream(
                "s-2", "Show s-2", "pb-2", false, Instant.ofEpochMilli(1713281212993L)));
  }

  @Test
  void readsTheViewsNowBrokenDownByPlaybackId() throws Exception {
    livepeer.views(Map.of("pb-1", 12));

    assertThat(client().viewsNow()).containsExactly(new PlaybackViews("pb-1", 12));
  }

  @Test
  void sendsTheApiKeyAsBearerToken() throws Exception {
    livepeer.streams();
    livepeer.views(Map.of());

    client().streams();
    client().viewsNow();

    livepeer.verifyBearerTokenSent(KEY);
  }

  @Test
  void sendsNoAuthorizationWithoutAKey() throws Exception {
    livepeer.streams();

    client("").streams();

    livepeer.server().verify(streamsRequested().withHeader("Authorization", absent()));
  }

  @Test
  void followsLinkNextAcrossPages() throws Exception {
    livepeer.answerStreams(
        okJson(array(Stream.live("s-1", "pb-1").json()))
            .withHeader(
                "Link",
                "<" + livepeer.apiUrl() + "/stream?streamsonly=1&cursor=c2>; rel=\"next\""));
    livepeer.answerStreamsPage(
        "c2",
        okJson(array(Stream.live("s-2", "pb-2").json()))
            .withHeader("Link", "</api/stream?streamsonly=1&cursor=c3>; rel=next"));
    livepeer.answerStreamsPage("c3", okJson(array(Stream.live("s-3", "pb-3").json())));

    assertThat(client().streams())
        .extracting(LivepeerStream::id)
        .containsExactly("s-1", "s-2", "s-3");
  }

  @Test
  void refusesANextPageOnAnotherHost() {
    livepeer.answerStreams(
        okJson(array(Stream.live("s-1", "pb-1").json()))
            .withHeader("Link", "<https://elsewhere.example/api/stream?cursor=c2>; rel=\"next\""));

    LivepeerException refused = refusal(() -> client().streams());

    assertThat(refused.kind()).isEqualTo(Kind.MALFORMED);
    assertThat(refused).hasMessageContaining("Link rel=\"next\" leaves");
  }

  @Test
  void findsAStreamListedTwiceAcrossPages() {
    livepeer.answerStreams(
        okJson(array(Stream.live("s-1", "pb-1").json()))
            .withHeader("Link", "</api/stream?streamsonly=1&cursor=c2>; rel=next"));
    livepeer.answerStreamsPage("c2", okJson(array(Stream.live("s-1", "pb-1").json())));

    LivepeerException refused = refusal(() -> client().streams());

    assertThat(refused).hasMessage("GET /stream refused: stream id s-1 is listed twice");
  }

  @Test
  void countsElementsAcrossPagesWhenSayingWhereAnAnswerIsWrong() {
    livepeer.answerStreams(
        okJson(array(Stream.live("s-1", "pb-1").json()))
            .withHeader("Link", "</api/stream?streamsonly=1&cursor=c2>; rel=next"));
    livepeer.answerStreamsPage(
        "c2", okJson(array(Stream.live("s-2", "pb-2").json(), "{\"name\": \"x\"}")));

    LivepeerException refused = refusal(() -> client().streams());

    assertThat(refused).hasMessage("GET /stream refused: stream [2] has no id");
  }

  @Test
  void refusesAPaginationLoop() {
    livepeer.answerStreams(
        okJson("[]")
            .withHeader("Link", "<" + livepeer.apiUrl() + "/stream?streamsonly=1>; rel=\"next\""));

    LivepeerException refused = refusal(() -> client().streams());

    assertThat(refused.kind()).isEqualTo(Kind.MALFORMED);
    assertThat(refused).hasMessageContaining("pagination loops");
  }

  @Test
  void reportsAServerError() {
    livepeer.answerStreams(status(500, "{\"errors\":[\"internal server error\"]}"));

    LivepeerException refused = refusal(() -> client().streams());

    assertThat(refused.kind()).isEqualTo(Kind.SERVER_ERROR);
    assertThat(refused.outage()).isTrue();
    assertThat(refused)
        .hasMessage("GET /stream answered HTTP 500: {\"errors\":[\"internal server error\"]}");
  }

  @Test
  void reportsRateLimitingWithRetryAfterSeconds() {
    livepeer.answerViews(
        status(429, "{\"errors\":[\"rate limit exceeded\"]}").withHeader("Retry-After", "30"));

    LivepeerException refused = refusal(() -> client().viewsNow());

    assertThat(refused.kind()).isEqualTo(Kind.RATE_LIMITED);
    assertThat(refused.retryAfter()).contains(Duration.ofSeconds(30));
    assertThat(refused).hasMessageContaining("HTTP 429");
  }

  @Test
  void readsRetryAfterGivenAsAnHttpDate() {
    Instant inTwoMinutes = Instant.now().plusSeconds(120);
    livepeer.answerViews(
        status(429, "{}")
            .withHeader(
                "Retry-After",
                DateTimeFormatter.RFC_1123_DATE_TIME.format(inTwoMinutes.atZone(ZoneOffset.UTC))));

    LivepeerException refused = refusal(() -> client().viewsNow());

    assertThat(refused.retryAfter())
        .hasValueSatisfying(
            wait -> assertThat(wait).isBetween(Duration.ofSeconds(100), Duration.ofSeconds(121)));
  }

  @Test
  void reportsRateLimitingWithoutRetryAfter() {
    livepeer.answerViews(status(429, "{}"));

    LivepeerException refused = refusal(() -> client().viewsNow());

    assertThat(refused.kind()).isEqualTo(Kind.RATE_LIMITED);
    assertThat(refused.retryAfter()).isEmpty();
  }

  @Test
  void reportsAClientErrorAsNoOutage() {
    livepeer.answerStreams(status(403, "{\"errors\":[\"forbidden\"]}"));

    LivepeerException refused = refusal(() -> client().streams());

    assertThat(refused.kind()).isEqualTo(Kind.HTTP_STATUS);
    assertThat(refused.outage()).isFalse();
  }

  @Test
  void reportsATimeout() {
    livepeer.answerStreams(okJson("[]").withFixedDelay(2_000));

    LivepeerException refused = refusal(() -> impatientClient().streams());

    assertThat(refused.kind()).isEqualTo(Kind.TIMEOUT);
    assertThat(refused).hasMessage("GET /stream got no answer within PT0.5S");
  }

  @Test
  void reportsARefusedConnection() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    LivepeerClient client =
        LivepeerClient.create(
            URI.create("http://localhost:" + closedPort + "/api"),
            KEY,
            Duration.ofSeconds(1),
            Duration.ofMillis(500));

    LivepeerException refused = refusal(client::streams);

    assertThat(refused.kind()).isEqualTo(Kind.CONNECTION);
    assertThat(refused).hasMessageStartingWith("GET /stream failed");
  }

  static java.util.stream.Stream<Arguments> malformedViews() {
    Builder<Arguments> cases = java.util.stream.Stream.builder();
    cases.add(Arguments.of("not JSON", "<html>Bad gateway</html>", "is not JSON"));
    cases.add(Arguments.of("cut short", "[{\"playbackId\": \"pb-1\", \"viewCo", "malformed"));
    cases.add(Arguments.of("two arrays", "[] []", "answer goes on after its array"));
    cases.add(Arguments.of("null", "null", "answer is a JSON null, expected an array"));
    cases.add(Arguments.of("empty", "", "answer is empty"));
    cases.add(
        Arguments.of(
            "an object", "{\"errors\":[\"oops\"]}", "is a JSON object, expected an array"));
    cases.add(Arguments.of("not objects", "[1, 2]", "views/now [0] is a JSON number"));
    cases.add(
        Arguments.of("no playbackId", "[{\"viewCount\": 3}]", "views/now [0] has no playbackId"));
    cases.add(
        Arguments.of(
            "blank playbackId",
            "[{\"playbackId\": \" \", \"viewCount\": 3}]",
            "has no playbackId"));
    cases.add(Arguments.of("no viewCount", "[{\"playbackId\": \"pb-1\"}]", "viewCount is missing"));
    cases.add(Arguments.of("negative", views("-1"), "viewCount is negative: -1"));
    cases.add(Arguments.of("fractional", views("3.5"), "views/now [0] is malformed"));
    cases.add(Arguments.of("text", views("\"12\""), "views/now [0] is malformed"));
    cases.add(Arguments.of("absurd", views("1000000001"), "viewCount is absurd: 1000000001"));
    cases.add(
        Arguments.of("beyond long", views("99999999999999999999"), "views/now [0] is malformed"));
    cases.add(
        Arguments.of(
            "counted twice",
            array(viewsRow("pb-1", "1"), viewsRow("pb-1", "2")),
            "playbackId pb-1 is counted twice"));
    return cases.build();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedViews")
  void refusesMalformedViews(String what, String body, String explanation) {
    livepeer.answerViews(okJson(body));

    LivepeerException refused = refusal(() -> client().viewsNow());

    assertThat(refused.kind()).isEqualTo(Kind.MALFORMED);
    assertThat(refused).hasMessageStartingWith("GET /data/views/now refused: ");
    assertThat(refused).hasMessageContaining(explanation);
  }

  static java.util.stream.Stream<Arguments> malformedStreams() {
    String good = Stream.live("s-1", "pb-1").json();
    return java.util.stream.Stream.of(
        Arguments.of("an object", "{\"id\": \"s-1\"}", "is a JSON object, expected an array"),
        Arguments.of("no id", array(good.replace("\"id\": \"s-1\",", "")), "stream [0] has no id"),
        Arguments.of("blank id", array(good.replace("\"s-1\"", "\"\"")), "stream [0] has no id"),
        Arguments.of(
            "no playbackId",
            array(good.replace("\"playbackId\": \"pb-1\",", "")),
            "stream [0] (id s-1) has no playbackId"),
        Arguments.of(
            "isActive as text",
            array(good.replace("\"isActive\": true", "\"isActive\": \"yes\"")),
            "stream [0] is malformed"),
        Arguments.of(
            "negative lastTerminatedAt",
            array(Stream.idle("s-1", "pb-1", -5L).json()),
            "lastTerminatedAt is not a plausible time: -5"),
        Arguments.of("listed twice", array(good, good), "stream id s-1 is listed twice"),
        Arguments.of(
            "shared playbackId",
            array(good, Stream.live("s-2", "pb-1").json()),
            "playbackId pb-1 belongs to two streams"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedStreams")
  void refusesMalformedStreams(String what, String body, String explanation) {
    livepeer.answerStreams(okJson(body));

    LivepeerException refused = refusal(() -> client().streams());

    assertThat(refused.kind()).isEqualTo(Kind.MALFORMED);
    assertThat(refused).hasMessageStartingWith("GET /stream refused: ");
    assertThat(refused).hasMessageContaining(explanation);
  }

  @Test
  void neverPutsTheKeyInAMessage() {
    livepeer.answerStreams(status(401, "{\"errors\":[\"invalid token Bearer " + KEY + "\"]}"));
    livepeer.answerViews(okJson("[{\"playbackId\": \"" + KEY + "\", \"viewCount\": -1}]"));

    LivepeerException unauthorized = refusal(() -> client().streams());
    LivepeerException malformed = refusal(() -> client().viewsNow());

    assertThat(unauthorized.kind()).isEqualTo(Kind.HTTP_STATUS);
    assertThat(unauthorized.getMessage()).doesNotContain(KEY).contains("HTTP 401", "[redacted]");
    assertThat(malformed.getMessage()).doesNotContain(KEY).contains("[redacted]");
  }

  @Test
  void neverLeavesAPieceOfTheKeyWhereALongMessageIsCut() {
    // "GET /stream answered HTTP 500: " is 31 characters: the key straddles the 300th.
    livepeer.answerStreams(status(500, "x".repeat(264) + KEY));

    LivepeerException refused = refusal(() -> client().streams());

    assertThat(refused.getMessage()).doesNotContain(KEY.substring(0, 5)).endsWith("[reda...");
  }

  @Test
  void doesNotShowTheKeyInItsToString() {
    assertThat(client().toString()).doesNotContain(KEY).contains("key set");
  }

  @Test
  void refusesAKeyThatCannotBeSentAsAHeader() {
    assertThatThrownBy(
            () ->
                LivepeerClient.create(
                    URI.create(livepeer.apiUrl()),
                    "abc def",
                    Duration.ofSeconds(1),
                    Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("abc def")
        .hasMessageContaining("not allowed in an HTTP header");
  }

  @Test
  void refusesAnApiUrlThatIsNotHttp() {
    assertThatThrownBy(
            () ->
                LivepeerClient.create(
                    URI.create("ftp://livepeer.studio/api"),
                    KEY,
                    Duration.ofSeconds(1),
                    Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("absolute http(s)");
  }

  @Test
  void readsTheLastPageWithoutLink() throws Exception {
    livepeer
        .server()
        .stubFor(get(urlPathEqualTo(FakeLivepeer.STREAMS_PATH)).willReturn(okJson("[]")));

    assertThat(client().streams()).isEmpty();
  }

  private static String views(String count) {
    return array(viewsRow("pb-1", count));
  }

  private static String viewsRow(String playbackId, String count) {
    return "{\"playbackId\": \""
        + playbackId
        + "\", \"viewCount\": "
        + count
        + ", \"errorRate\": 0.0}";
  }

  private static LivepeerClient client() {
    return client(KEY);
  }

  // Generous: on a busy machine the first request of a JVM can take a while.
  private static LivepeerClient client(String key) {
    return LivepeerClient.create(
        URI.create(livepeer.apiUrl()), key, Duration.ofSeconds(5), Duration.ofSeconds(5));
  }

  /** Waits half a second for an answer, for the timeout cases. */
  private static LivepeerClient impatientClient() {
    return LivepeerClient.create(
        URI.create(livepeer.apiUrl()), KEY, Duration.ofSeconds(5), Duration.ofMillis(500));
  }

  private static LivepeerException refusal(Call call) {
    LivepeerException refused = catchThrowableOfType(LivepeerException.class, call::run);
    assertThat(refused).as("Livepeer answer refused").isNotNull();
    return refused;
  }

  @FunctionalInterface
  private interface Call {
    List<?> run() throws Exception;
  }
}
