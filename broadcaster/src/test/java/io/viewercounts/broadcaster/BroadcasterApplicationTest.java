package io.viewercounts.broadcaster;

import static io.viewercounts.broadcaster.TestKafka.count;
import static io.viewercounts.broadcaster.fanout.Minutes.minuteAt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.viewercounts.broadcaster.fanout.Hub;
import io.viewercounts.events.ViewerCount;
import io.viewercounts.events.ViewerCountJson;
import java.net.URI;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The broadcaster as a browser and an operator see it: a real Kafka, real sockets, real HTTP. */
class BroadcasterApplicationTest {

  private static final int MAX_SUBSCRIPTIONS = 5;
  private static final int MAX_CONNECTIONS_PER_ADDRESS = 20;
  private static final int SUBSCRIBE_BURST = 10;
  private static final String ALLOWED_ORIGIN = "http://allowed.example";
  private static final Instant CHANGED_AT = Instant.parse("2026-11-25T17:00:00.123Z");
  private static final Duration PING_INTERVAL = Duration.ofSeconds(1);
  private static final Duration ASYNC = Duration.ofSeconds(30);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static TestKafka kafka;
  private static TestNode app;

  @BeforeAll
  static void startKafkaThenTheBroadcaster() {
    kafka = TestKafka.start();
    // Written before the broadcaster starts: it must be part of the snapshot.
    kafka.produce(new ViewerCount("preloaded", "Preloaded show", 42, true, null, 100, CHANGED_AT));
    kafka.produce(new ViewerCount("ended", "Ended show", 0, false, CHANGED_AT, 100, null));

    app =
        TestNode.start(
            kafka.bootstrapServers(),
            0,
            "--broadcaster.allowed-origins=" + ALLOWED_ORIGIN,
            "--broadcaster.max-subscriptions-per-connection=" + MAX_SUBSCRIPTIONS,
            "--broadcaster.max-connections-per-address=" + MAX_CONNECTIONS_PER_ADDRESS,
            "--broadcaster.subscribes-per-second=1",
            "--broadcaster.subscribe-burst=" + SUBSCRIBE_BURST,
            "--broadcaster.ping-interval=" + PING_INTERVAL.toSeconds() + "s",
            "--server.forward-headers-strategy=native");
  }

  @AfterAll
  static void stopAll() {
    if (app != null) {
      app.close();
    }
    kafka.close();
  }

  @Test
  void readinessIsUpOnlyOnceTheValuesWrittenBeforeStartAreLoaded() throws Exception {
    await()
        .atMost(ASYNC)
        .until(() -> get(management("/actuator/health/readiness")).statusCode() == 200);

    assertThat(get(api("/api/streams/preloaded")).statusCode()).isEqualTo(200);
    JsonNode readiness = JSON.readTree(get(management("/actuator/health/readiness")).body());
    assertThat(readiness.at("/components/feed/status").stringValue()).isEqualTo("UP");
  }

  @Test
  void subscribeAnswersSubscribedThenTheSnapshot() throws Exception {
    awaitKnown("preloaded");
    try (TestClient client = TestClient.connect(ws())) {
      client.send("{\"type\":\"subscribe\",\"streamIds\":[\"preloaded\",\"unknown\"]}");

      assertThat(client.next())
          .isEqualTo(
              JSON.readTree("{\"type\":\"subscribed\",\"streamIds\":[\"preloaded\",\"unknown\"]}"));
      assertThat(client.next())
          .isEqualTo(
              JSON.readTree(
                  "{\"type\":\"viewer_count\",\"streamId\":\"preloaded\","
                      + "\"name\":\"Preloaded show\",\"viewerCount\":42,"
                      + "\"isLive\":true,\"endedAt\":null,\"version\":100}"));
    }
  }

  @Test
  void newValuesArePushedAndLowerVersionsAreNot() throws Exception {
    try (TestClient client = subscribedClient("changing")) {
      kafka.produce(count("changing", 1, 10));
      assertThat(client.next().get("version").longValue()).isEqualTo(10);

      kafka.produce(count("changing", 2, 5)); // lower: never sent
      kafka.produce(count("changing", 3, 11));

      JsonNode next = client.next();
      assertThat(next.get("version").longValue()).isEqualTo(11);
      assertThat(next.get("viewerCount").intValue()).isEqualTo(3);
    }
  }

  @Test
  void aBurstOfChangesEndsWithTheLatestValueAndNeverGoesBack() throws Exception {
    int changes = 2_000;
    try (TestClient client = subscribedClient("busy")) {
      for (int version = 1; version <= changes; version++) {
        kafka.send(count("busy", version, version));
      }
      kafka.flush();

      long last = 0;
      while (last < changes) {
        long version = client.next().get("version").longValue();
        assertThat(version).isGreaterThan(last);
        last = version;
      }
    }
  }

  @Test
  void badInputGetsAnErrorAndOtherClientsKeepReceiving() throws Exception {
    try (TestClient watcher = subscribedClient("watched");
        TestClient bad = TestClient.connect(ws())) {
      assertError(bad, "not json", "bad_request");
      assertError(bad, "{\"type\":\"publish\",\"streamIds\":[\"watched\"]}", "bad_request");
      assertError(bad, "{\"type\":\"subscribe\"}", "bad_request");
      assertError(
          bad, "{\"type\":\"subscribe\",\"streamIds\":[\"watched\",\"not valid\"]}", "bad_request");
      assertError(bad, subscribe("s1", "s2", "s3", "s4", "s5", "s6"), "too_many_subscriptions");

      kafka.produce(count("watched", 7, 1));
      assertThat(watcher.next().get("viewerCount").intValue()).isEqualTo(7);
      // Had the refused subscribe subscribed "watched", its update would come before this error.
      assertError(bad, "[]", "bad_request");

      bad.send("{\"type\":\"subscribe\",\"streamIds\":[\"" + "x".repeat(17 * 1024) + "\"]}");
      assertThat(bad.closeCode()).isEqualTo(1009);

      kafka.produce(count("watched", 8, 2));
      assertThat(watcher.next().get("viewerCount").intValue()).isEqualTo(8);
    }
    await().atMost(ASYNC).until(() -> errors("frame_too_large") >= 1);
    assertThat(errors("bad_request")).isGreaterThanOrEqualTo(5);
    assertThat(errors("too_many_subscriptions")).isGreaterThanOrEqualTo(1);
  }

  @Test
  void aFrameLargerThanTheConnectionBufferArrivesWhole() throws Exception {
    String[] longIds = new String[MAX_SUBSCRIPTIONS];
    for (int i = 0; i < longIds.length; i++) {
      longIds[i] = i + "x".repeat(127); // 5 x 128 characters: several times the buffer of 256
    }
    try (TestClient client = TestClient.connect(ws())) {
      client.send(subscribe(longIds));

      JsonNode answer = client.next();
      assertThat(answer.get("type").stringValue()).isEqualTo("subscribed");
      assertThat(answer.get("streamIds").values()).hasSize(MAX_SUBSCRIPTIONS);
    }
  }

  @Test
  void subscribingFasterThanTheRateIsRefused() throws Exception {
    try (TestClient client = TestClient.connect(ws())) {
      int requests = SUBSCRIBE_BURST + 5;
      for (int i = 0; i < requests; i++) {
        client.send(subscribe("rate-" + i % MAX_SUBSCRIPTIONS));
      }
      List<String> answers = new ArrayList<>();
      for (int i = 0; i < requests; i++) {
        JsonNode answer = client.next();
        answers.add(
            answer.has("code")
                ? answer.get("code").stringValue()
                : answer.get("type").stringValue());
      }

      assertThat(answers.subList(0, SUBSCRIBE_BURST)).containsOnly("subscribed");
      assertThat(answers).contains("rate_limited");
    }
  }

  @Test
  void aForeignOriginIsRefusedAtTheHandshake() {
    assertThatThrownBy(() -> TestClient.connect(ws(), "http://evil.example"))
        .isInstanceOf(CompletionException.class)
        .cause()
        .isInstanceOfSatisfying(
            WebSocketHandshakeException.class,
            refused -> assertThat(refused.getResponse().statusCode()).isEqualTo(403));
  }

  @Test
  void compressionIsDeclinedSoEveryConnectionSendsTheSameBytes() throws Exception {
    String head = RawResponse.handshakeHead(app.port(), "permessage-deflate; client_max_window_bits");

    assertThat(head).startsWith("HTTP/1.1 101");
    assertThat(head.toLowerCase(Locale.ROOT)).doesNotContain("sec-websocket-extensions");
  }

  @Test
  void anAllowedOriginConnects() throws Exception {
    try (TestClient client = TestClient.connect(ws(), ALLOWED_ORIGIN)) {
      client.send(subscribe("from-allowed-origin"));
      assertThat(client.next().get("type").stringValue()).isEqualTo("subscribed");
    }
  }

  @Test
  void aClientThatStopsAnsweringPingsIsClosed() throws Exception {
    try (SilentClient silent = new SilentClient(ws())) {
      assertThat(silent.awaitCloseCode()).isEqualTo(1001);
    }
    await().atMost(ASYNC).until(() -> closes("ping_timeout") >= 1);
  }

  @Test
  void aClientAnsweringPingsStaysConnected() throws Exception {
    try (TestClient client = subscribedClient("kept-alive")) {
      Thread.sleep(PING_INTERVAL.multipliedBy(4).toMillis()); // long enough to be closed if silent

      kafka.produce(count("kept-alive", 1, 1));
      assertThat(client.next().get("type").stringValue()).isEqualTo("viewer_count");
    }
  }

  @Test
  void connectionsOverTheLimitOfOneAddressAreClosed() throws Exception {
    await().atMost(ASYNC).until(() -> gauge("viewercounts.broadcaster.connections") == 0);
    List<TestClient> clients = new ArrayList<>();
    try {
      for (int i = 0; i < MAX_CONNECTIONS_PER_ADDRESS; i++) {
        clients.add(TestClient.connect(ws()));
      }
      TestClient refused = TestClient.connect(ws());
      clients.add(refused);

      assertThat(refused.closeCode()).isEqualTo(1008);
    } finally {
      clients.forEach(TestClient::close);
    }
  }

  @Test
  void behindALoadBalancerConnectionsCountUnderTheForwardedClientAddress() throws Exception {
    await().atMost(ASYNC).until(() -> gauge("viewercounts.broadcaster.connections") == 0);
    List<TestClient> clients = new ArrayList<>();
    try {
      for (int i = 0; i < MAX_CONNECTIONS_PER_ADDRESS; i++) {
        clients.add(TestClient.connectForwardedFor(ws(), "203.0.113.7"));
      }
      TestClient refused = TestClient.connectForwardedFor(ws(), "203.0.113.7");
      clients.add(refused);
      TestClient otherClient = TestClient.connectForwardedFor(ws(), "203.0.113.8");
      clients.add(otherClient);

      assertThat(refused.closeCode()).isEqualTo(1008);
      otherClient.send(subscribe("behind-the-balancer"));
      assertThat(otherClient.next().get("type").stringValue()).isEqualTo("subscribed");
    } finally {
      clients.forEach(TestClient::close);
    }
  }

  @Test
  void theApiAnswersTheValueOfAKnownStream() throws Exception {
    awaitKnown("preloaded");

    HttpResponse<String> response = get(api("/api/streams/preloaded"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(response.body()))
        .isEqualTo(
            JSON.readTree(
                ViewerCountJson.encode(
                    new ViewerCount(
                        "preloaded", "Preloaded show", 42, true, null, 100, CHANGED_AT))));
  }

  @Test
  void theApiLeavesOutAnUnknownChangedAt() throws Exception {
    awaitKnown("ended");

    JsonNode ended = JSON.readTree(get(api("/api/streams/ended")).body());

    assertThat(ended.has("changedAt")).isFalse();
    assertThat(ended.get("endedAt").stringValue()).isEqualTo(CHANGED_AT.toString());
  }

  @Test
  void theApiAnswers404ForAnUnknownStreamAnd400ForAnInvalidId() throws Exception {
    HttpResponse<String> unknown = get(api("/api/streams/nobody-knows"));
    HttpResponse<String> invalid = get(api("/api/streams/not%20valid"));

    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(unknown.body()).get("error").stringValue()).isEqualTo("not_found");
    assertThat(invalid.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(invalid.body()).get("error").stringValue()).isEqualTo("bad_request");
  }

  @Test
  void theApiListsLiveStreams() throws Exception {
    awaitKnown("preloaded");
    awaitKnown("ended");

    JsonNode live = JSON.readTree(get(api("/api/streams?live=true")).body());

    assertThat(live.values())
        .extracting(count -> count.get("streamId").stringValue())
        .contains("preloaded")
        .doesNotContain("ended");
  }

  @Test
  void thePagesAndTheBrowserClientAreServed() throws Exception {
    HttpResponse<String> index = get(api("/"));
    HttpResponse<String> client = get(api("/viewer-counts.js"));

    assertThat(index.statusCode()).isEqualTo(200);
    assertThat(index.body()).contains("Live now", "/browse.js", "/favicon.svg");
    assertThat(get(api("/favicon.svg")).statusCode()).isEqualTo(200);
    assertThat(client.statusCode()).isEqualTo(200);
    assertThat(client.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).contains("javascript"));
    assertThat(client.body())
        .contains("export const subscribe", "export const unsubscribe", "export const watchLive");
  }

  @Test
  void theStreamPageIsRenderedWithTheStreamsNameCountAndVersion() throws Exception {
    awaitKnown("preloaded");

    HttpResponse<String> page = get(api("/stream/preloaded"));

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
    assertThat(page.body())
        .contains("<h1 id=\"name\">Preloaded show</h1>")
        .contains("<div id=\"count\" class=\"count\">42</div>")
        .contains("\"version\":100")
        .contains("/stream.js");
  }

  @Test
  void aSubscribeWithHistoryGetsTheRecentMinutesAfterTheSnapshotThenEachClosedMinute()
      throws Exception {
    Instant first = minutesAgo(3);
    kafka.produce(count("trending", 9, 1));
    kafka.produce(minuteAt("trending", first, 5, 4.5));
    kafka.produce(minuteAt("trending", first.plusSeconds(60), 7, 6));
    awaitHistoryMinutes("trending", 2);

    try (TestClient client = TestClient.connect(ws())) {
      client.send("{\"type\":\"subscribe\",\"streamIds\":[\"trending\"],\"history\":true}");

      assertThat(client.next().get("type").stringValue()).isEqualTo("subscribed");
      assertThat(client.next().get("type").stringValue()).isEqualTo("viewer_count");
      assertThat(client.next())
          .isEqualTo(
              JSON.readTree(
                  "{\"type\":\"history\",\"streamId\":\"trending\",\"start\":\""
                      + first
                      + "\",\"peak\":[5,7],\"mean\":[4.5,6.0]}"));

      kafka.produce(minuteAt("trending", first.plusSeconds(120), 8, 7.5));
      JsonNode closed = client.next();
      assertThat(closed.get("type").stringValue()).isEqualTo("history");
      assertThat(closed.get("peak").toString()).isEqualTo("[5,7,8]");
    }
  }

  @Test
  void aSubscribeWithoutHistoryGetsNoHistory() throws Exception {
    Instant first = minutesAgo(2);
    kafka.produce(minuteAt("quiet", first, 5, 4.5));
    awaitHistoryMinutes("quiet", 1);
    try (TestClient client = subscribedClient("quiet")) {
      kafka.produce(minuteAt("quiet", first.plusSeconds(60), 6, 5));
      kafka.produce(count("quiet", 3, 1));

      assertThat(client.next().get("type").stringValue()).isEqualTo("viewer_count");
    }
  }

  @Test
  void theStreamPageCarriesTheStreamsHistoryForItsFirstPaint() throws Exception {
    kafka.produce(count("charted", 9, 1));
    kafka.produce(minuteAt("charted", minutesAgo(2), 5, 4.5));
    awaitHistoryMinutes("charted", 1);

    assertThat(get(api("/stream/charted")).body())
        .contains(
            "<script type=\"application/json\" id=\"initial-history\">"
                + "{\"type\":\"history\",\"streamId\":\"charted\"");
    assertThat(get(api("/stream/preloaded")).body())
        .contains("<script type=\"application/json\" id=\"initial-history\">null</script>");
  }

  @Test
  void theStreamPageEscapesWhatItShows() throws Exception {
    kafka.produce(
        new ViewerCount("named-oddly", "<script>alert(1)</script>", 3, true, null, 1, null));
    awaitKnown("named-oddly");

    String page = get(api("/stream/named-oddly")).body();

    assertThat(page).doesNotContain("<script>alert").contains("&lt;script&gt;alert(1)");
    assertThat(page).contains("\\u003cscript\\u003ealert(1)");
  }

  @Test
  void anUnknownOrInvalidStreamGetsANotFoundPage() throws Exception {
    HttpResponse<String> unknown = get(api("/stream/nobody-knows"));
    HttpResponse<String> invalid = get(api("/stream/not%20valid"));

    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
    assertThat(unknown.body()).contains("Stream not found", "nobody-knows");
    assertThat(invalid.statusCode()).isEqualTo(404);
  }

  @Test
  void theApiListsLiveStreamsASliceAtATimeWithTheTotal() throws Exception {
    for (int i = 0; i < 5; i++) {
      kafka.produce(new ViewerCount("sliced-" + i, "Sliced " + i, 1_000_000 + i, true, null, 1, null));
    }
    awaitKnown("sliced-4");
    awaitKnown("sliced-0");

    HttpResponse<String> first = get(api("/api/streams?live=true&limit=2"));
    HttpResponse<String> second = get(api("/api/streams?live=true&offset=2&limit=2"));

    assertThat(JSON.readTree(first.body()).values())
        .extracting(count -> count.get("streamId").stringValue())
        .containsExactly("sliced-4", "sliced-3");
    assertThat(JSON.readTree(second.body()).values())
        .extracting(count -> count.get("name").stringValue())
        .containsExactly("Sliced 2", "Sliced 1");
    assertThat(first.headers().firstValue("X-Total-Count"))
        .hasValueSatisfying(total -> assertThat(Integer.parseInt(total)).isGreaterThanOrEqualTo(6));
    assertThat(get(api("/api/streams?live=true&limit=0")).statusCode()).isEqualTo(400);
  }

  @Test
  void everyApiErrorIsJsonOfOneShapeMalformedPathsIncluded() throws Exception {
    List<String> paths =
        List.of(
            "/api/streams/a%2Fb",
            "/api/streams/%ZZ",
            "/api/streams/%3Cscript%3E",
            "/api/streams/<script>",
            "/api/nothing-here",
            "/api/streams?limit=many");
    for (String path : paths) {
      RawResponse response = RawResponse.get(app.port(), path);

      assertThat(response.status()).as(path).isBetween(400, 499);
      assertThat(response.contentType()).as(path).startsWith("application/json");
      JsonNode error = JSON.readTree(response.body());
      assertThat(error.propertyNames()).as(path).containsExactly("error", "message");
      assertThat(error.get("error").stringValue()).as(path).matches("[a-z_]+");
    }
  }

  @Test
  void aConnectionWatchingTheLiveSetHearsOfStreamsThatStartAndEnd() throws Exception {
    try (TestClient client = TestClient.connect(ws())) {
      client.send("{\"type\":\"subscribe_live\"}");
      assertThat(client.next().get("type").stringValue()).isEqualTo("subscribed_live");

      kafka.produce(new ViewerCount("starting", "Starting show", 5, true, null, 1, null));
      JsonNode started = client.next();
      kafka.produce(new ViewerCount("starting", "Starting show", 6, true, null, 2, null));
      kafka.produce(new ViewerCount("starting", "Starting show", 0, false, CHANGED_AT, 3, null));
      JsonNode ended = client.next();

      assertThat(started.get("streamId").stringValue()).isEqualTo("starting");
      assertThat(started.get("isLive").booleanValue()).isTrue();
      assertThat(started.get("name").stringValue()).isEqualTo("Starting show");
      assertThat(ended.get("isLive").booleanValue()).isFalse();
      assertThat(ended.get("version").longValue()).isEqualTo(3); // not the count change between
    }
  }

  @Test
  void aRefusedSubscribeNamesTheStreamsItRefusedAndTheLimit() throws Exception {
    try (TestClient client = TestClient.connect(ws())) {
      client.send(subscribe("over-1", "over-2", "over-3", "over-4", "over-5", "over-6"));

      JsonNode answer = client.next();

      assertThat(answer.get("code").stringValue()).isEqualTo("too_many_subscriptions");
      assertThat(answer.get("streamIds").values())
          .extracting(JsonNode::stringValue)
          .containsExactly("over-1", "over-2", "over-3", "over-4", "over-5", "over-6");
      assertThat(answer.get("limit").intValue()).isEqualTo(MAX_SUBSCRIPTIONS);
    }
  }

  @Test
  void actuatorListensOnlyOnTheManagementPort() throws Exception {
    assertThat(get(api("/actuator/health")).statusCode()).isEqualTo(404);
    HttpResponse<String> prometheus = get(management("/actuator/prometheus"));
    assertThat(prometheus.statusCode()).isEqualTo(200);
    assertThat(prometheus.body()).contains("viewercounts_broadcaster_connections");
  }

  @Test
  void exposesTheFeedsLagSinceTheBrokerKnowsNoneForIt() throws Exception {
    HttpResponse<String> prometheus = get(management("/actuator/prometheus"));

    assertThat(prometheus.body()).contains("kafka_consumer_fetch_manager_records_lag_max");
  }

  private static TestClient subscribedClient(String streamId) throws Exception {
    TestClient client = TestClient.connect(ws());
    client.send(subscribe(streamId));
    assertThat(client.next().get("type").stringValue()).isEqualTo("subscribed");
    return client;
  }

  private static void assertError(TestClient client, String frame, String code) throws Exception {
    client.send(frame);
    JsonNode answer = client.next();
    assertThat(answer.get("type").stringValue()).isEqualTo("error");
    assertThat(answer.get("code").stringValue()).isEqualTo(code);
    assertThat(answer.get("message").stringValue()).isNotBlank();
  }

  private static String subscribe(String... streamIds) {
    return "{\"type\":\"subscribe\",\"streamIds\":"
        + JSON.writeValueAsString(List.of(streamIds))
        + "}";
  }

  private static void awaitHistoryMinutes(String streamId, int minutes) {
    Hub hub = app.context().getBean(Hub.class);
    await()
        .atMost(ASYNC)
        .until(
            () ->
                hub.currentHistory(streamId) != null
                    && hub.currentHistory(streamId).minutes() == minutes);
  }

  private static Instant minutesAgo(int minutes) {
    return Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(minutes));
  }

  private static void awaitKnown(String streamId) {
    await().atMost(ASYNC).until(() -> get(api("/api/streams/" + streamId)).statusCode() == 200);
  }

  private static double errors(String kind) {
    return app
        .context().getBean(MeterRegistry.class)
        .get("viewercounts.broadcaster.errors")
        .tag("kind", kind)
        .counters()
        .stream()
        .mapToDouble(counter -> counter.count())
        .sum();
  }

  private static double closes(String reason) {
    return app
        .context().getBean(MeterRegistry.class)
        .get("viewercounts.broadcaster.closes")
        .tag("reason", reason)
        .counters()
        .stream()
        .mapToDouble(counter -> counter.count())
        .sum();
  }

  private static double gauge(String name) {
    return app.context().getBean(MeterRegistry.class).get(name).gauge().value();
  }

  private static HttpResponse<String> get(URI uri) throws Exception {
    return TestNode.get(uri);
  }

  private static URI ws() {
    return app.ws();
  }

  private static URI api(String path) {
    return app.api(path);
  }

  private static URI management(String path) {
    return app.management(path);
  }
}
