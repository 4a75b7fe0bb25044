package io.viewercounts.standalone.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The simulator's control API, {@code PUT /simulator/streams/{id}/viewers}, as a benchmark uses it:
 * a count it sets is what the very next poll sees, and with drift off nothing else moves.
 */
class LivepeerSimulatorControlTest {

  private static final Duration TICK = Duration.ofMillis(50);
  // The simulator's first stream starts live with 12,000 viewers; its sixth starts offline.
  private static final String LIVE_STREAM = "5f1e0c3a-0000-4d2b-9c1a-simulated000";
  private static final String LIVE_PLAYBACK_ID = "sim0000playback";
  private static final String OFFLINE_STREAM = "5f1e0c3a-0005-4d2b-9c1a-simulated005";
  private static final String OFFLINE_PLAYBACK_ID = "sim0005playback";

  private final HttpClient http = HttpClient.newHttpClient();
  private final JsonMapper json = JsonMapper.builder().build();
  private LivepeerSimulator simulator;

  @AfterEach
  void stopSimulator() {
    simulator.close();
  }

  @Test
  void setViewersShowInTheNextViewsNow() throws Exception {
    simulator = LivepeerSimulator.start(0, 6, TICK, false);

    assertThat(setViewers(LIVE_STREAM, "4321").statusCode()).isEqualTo(204);

    assertThat(viewsNow()).containsEntry(LIVE_PLAYBACK_ID, 4321);
  }

  @Test
  void anOfflineStreamGoesLiveWithTheCountSet() throws Exception {
    simulator = LivepeerSimulator.start(0, 6, TICK, false);
    assertThat(streamList().get(OFFLINE_STREAM).get("isActive").asBoolean()).isFalse();

    assertThat(setViewers(OFFLINE_STREAM, "7").statusCode()).isEqualTo(204);

    assertThat(streamList().get(OFFLINE_STREAM).get("isActive").asBoolean()).isTrue();
    assertThat(viewsNow()).containsEntry(OFFLINE_PLAYBACK_ID, 7);
  }

  @Test
  void anUnknownStreamIsNotFound() throws Exception {
    simulator = LivepeerSimulator.start(0, 6, TICK, false);

    HttpResponse<String> response = setViewers("no-such-stream", "5");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(json.readTree(response.body()).get("error").asText()).contains("no-such-stream");
  }

  @ParameterizedTest
  @ValueSource(strings = {"-1", "twelve", "12.5", "", "10000000", "99999999999999999999"})
  void aBodyThatIsNotACountIsRefusedAndChangesNothing(String body) throws Exception {
    simulator = LivepeerSimulator.start(0, 6, TICK, false);
    Map<String, Integer> before = viewsNow();

    HttpResponse<String> response = setViewers(LIVE_STREAM, body);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json.readTree(response.body()).get("error").asText()).contains("0 to 9999999");
    assertThat(viewsNow()).isEqualTo(before);
  }

  @Test
  void aBodyOverSixtyFourBytesIsRefusedAndChangesNothing() throws Exception {
    simulator = LivepeerSimulator.start(0, 6, TICK, false);
    Map<String, Integer> before = viewsNow();

    HttpResponse<String> response = setViewers(LIVE_STREAM, "1" + " ".repeat(64));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json.readTree(response.body()).get("error").asText()).contains("64 bytes");
    assertThat(viewsNow()).isEqualTo(before);
  }

  @Test
  void aCountWithATrailingNewlineIsAccepted() throws Exception {
    simulator = LivepeerSimulator.start(0, 6, TICK, false);

    assertThat(setViewers(LIVE_STREAM, "15\n").statusCode()).isEqualTo(204);

    assertThat(viewsNow()).containsEntry(LIVE_PLAYBACK_ID, 15);
  }

  @Test
  void getOnTheControlPathIsNotAllowed() throws Exception {
    simulator = LivepeerSimulator.start(0, 6, TICK, false);

    HttpResponse<String> response = send(HttpRequest.newBuilder(controlUri(LIVE_STREAM)).GET());

    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(response.headers().firstValue("Allow")).hasValue("PUT");
  }

  @Test
  void withDriftOffAudiencesStayStillOverSeveralTicks() throws Exception {
    simulator = LivepeerSimulator.start(0, 6, TICK, false);
    Map<String, Integer> before = viewsNow();
    String streamsBefore = get("/api/stream?streamsonly=1").body();

    Thread.sleep(TICK.multipliedBy(6).toMillis());

    assertThat(viewsNow()).isEqualTo(before);
    assertThat(get("/api/stream?streamsonly=1").body()).isEqualTo(streamsBefore);
  }

  @Test
  void withDriftOnAudiencesMoveOnTheirOwn() throws Exception {
    simulator = LivepeerSimulator.start(0, 6, TICK, true);
    Map<String, Integer> before = viewsNow();

    await().atMost(Duration.ofSeconds(5)).until(() -> !viewsNow().equals(before));
  }

  private HttpResponse<String> setViewers(String streamId, String body) throws Exception {
    return send(HttpRequest.newBuilder(controlUri(streamId)).PUT(HttpRequest.BodyPublishers.ofString(body)));
  }

  private URI controlUri(String streamId) {
    return URI.create(simulator.baseUrl() + "/simulator/streams/" + streamId + "/viewers");
  }

  /** Viewers by playback id, as {@code GET /api/data/views/now} lists them. */
  private Map<String, Integer> viewsNow() throws Exception {
    Map<String, Integer> viewers = new HashMap<>();
    for (JsonNode entry : json.readTree(get("/api/data/views/now?breakdownBy[]=playbackId").body())) {
      viewers.put(entry.get("playbackId").asText(), entry.get("viewCount").asInt());
    }
    return viewers;
  }

  /** Stream objects by id, as {@code GET /api/stream} lists them. */
  private Map<String, JsonNode> streamList() throws Exception {
    Map<String, JsonNode> streams = new HashMap<>();
    for (JsonNode stream : json.readTree(get("/api/stream?streamsonly=1").body())) {
      streams.put(stream.get("id").asText(), stream);
    }
    return streams;
  }

  private HttpResponse<String> get(String path) throws Exception {
    return send(HttpRequest.newBuilder(URI.create(simulator.baseUrl() + path)).GET());
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
