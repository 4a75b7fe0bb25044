package io.viewercounts.poller.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Livepeer Studio's two endpoints on a WireMock server (random port), answering with the JSON
 * shapes Livepeer really sends, unused fields included. Register it as a static
 * {@code @RegisterExtension} field: the server starts before the class's tests and stops after.
 */
public final class FakeLivepeer implements AutoCloseable, BeforeAllCallback, AfterAllCallback {

  /** A stream as Livepeer lists it; lastTerminatedAt null leaves the field out. */
  public record Stream(
      String id, String name, String playbackId, boolean active, Long lastTerminatedAt) {

    public static Stream live(String id, String playbackId) {
      return new Stream(id, "Show " + id, playbackId, true, null);
    }

    public static Stream idle(String id, String playbackId, Long lastTerminatedAt) {
      return new Stream(id, "Show " + id, playbackId, false, lastTerminatedAt);
    }

    public Stream named(String newName) {
      return new Stream(id, newName, playbackId, active, lastTerminatedAt);
    }

    public Stream stopped(Long terminatedAt) {
      return new Stream(id, name, playbackId, false, terminatedAt);
    }

    public Stream started() {
      return new Stream(id, name, playbackId, true, lastTerminatedAt);
    }

    /** The object as GET /stream returns it. */
    public String json() {
      return """
{
  "id": "%s",
  "name": "%s",
  "kind": "stream",
  "creatorId": {"type": "unverified", "value": "creator-1"},
  "userTags": {"show": "evening"},
  "lastSeen": 1713281210000,
  "sourceSegments": 1820,
  "transcodedSegments": 7280,
  "sourceSegmentsDuration": 3640.5,
  "transcodedSegmentsDuration": 14562.0,
  "sourceBytes": 910000000,
  "transcodedBytes": 2730000000,
  "ingestRate": 250000.0,
  "outgoingRate": 750000.0,
  "isActive": %s,
  "isHealthy": true,
  "issues": [],
  "createdByTokenName": "studio-key",
  "createdAt": 1700000000000,
  "streamKey": "abcd-efgh-ijkl-mnop",
  "playbackId": "%s",
  "playbackPolicy": {"type": "public", "webhookId": null, "webhookContext": {}},
  "profiles": [
    {"name": "720p0", "fps": 0, "bitrate": 3000000, "width": 1280, "height": 720},
    {"name": "360p0", "fps": 0, "bitrate": 800000, "width": 640, "height": 360}
  ],
  "record": false,
  "multistream": {"targets": [{"id": "PUSH123", "profile": "720p0", "videoOnly": false}]},
  "suspended": false,
  %s"userId": "66c8f1d3-9a56-4a8e-8a1e-3f0a5c2b7d10",
  "renditions": {}
}"""
          .formatted(
              id,
              name,
              active,
              playbackId,
              lastTerminatedAt == null
                  ? ""
                  : "\"lastTerminatedAt\": " + lastTerminatedAt + ",\n  ");
    }
  }

  public static final String STREAMS_PATH = "/api/stream";
  public static final String VIEWS_NOW_PATH = "/api/data/views/now";

  private final WireMockServer server = new WireMockServer(options().dynamicPort());

  @Override
  public void beforeAll(ExtensionContext context) {
    server.start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    close();
  }

  /** The base URL to configure, like https://livepeer.studio/api. */
  public String apiUrl() {
    return server.baseUrl() + "/api";
  }

  public WireMockServer server() {
    return server;
  }

  public void reset() {
    server.resetAll();
  }

  /** GET /stream answers these streams. */
  public void streams(Stream... streams) {
    answerStreams(okJson(array(Arrays.stream(streams).map(Stream::json).toArray(String[]::new))));
  }

  /** GET /data/views/now answers these counts, by playback id. */
  public void views(Map<String, Integer> countsByPlaybackId) {
    answerViews(
        okJson(
            array(
                countsByPlaybackId.entrySet().stream()
                    .map(
                        e ->
                            "{\"playbackId\": \"%s\", \"viewCount\": %d, \"errorRate\": 0.0}"
                                .formatted(e.getKey(), e.getValue()))
                    .toArray(String[]::new))));
  }

  public void answerStreams(ResponseDefinitionBuilder answer) {
    server.stubFor(streamsRequest().willReturn(answer));
  }

  /** Answers the page of the stream list that a {@code Link: rel="next"} points at by cursor. */
  public void answerStreamsPage(String cursor, ResponseDefinitionBuilder answer) {
    server.stubFor(streamsPageRequest(cursor).willReturn(answer));
  }

  public void answerViews(ResponseDefinitionBuilder answer) {
    server.stubFor(viewsRequest().willReturn(answer));
  }

  public static MappingBuilder streamsRequest() {
    return get(urlPathEqualTo(STREAMS_PATH)).withQueryParam("streamsonly", equalTo("1"));
  }

  public static MappingBuilder streamsPageRequest(String cursor) {
    return streamsRequest().withQueryParam("cursor", equalTo(cursor));
  }

  public static MappingBuilder viewsRequest() {
    return get(urlPathEqualTo(VIEWS_NOW_PATH))
        .withQueryParam("breakdownBy[]", equalTo("playbackId"));
  }

  public static RequestPatternBuilder streamsRequested() {
    return getRequestedFor(urlPathEqualTo(STREAMS_PATH));
  }

  public static RequestPatternBuilder viewsRequested() {
    return getRequestedFor(urlPathEqualTo(VIEWS_NOW_PATH));
  }

  public static ResponseDefinitionBuilder status(int status, String body) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withBody(body);
  }

  /** Verifies that both endpoints were asked with {@code Authorization: Bearer <key>}. */
  public void verifyBearerTokenSent(String key) {
    server.verify(streamsRequested().withHeader("Authorization", equalTo("Bearer " + key)));
    server.verify(viewsRequested().withHeader("Authorization", equalTo("Bearer " + key)));
  }

  public static String array(String... elements) {
    return Arrays.stream(elements).collect(Collectors.joining(",\n", "[\n", "\n]"));
  }

  @Override
  public void close() {
    server.stop();
  }
}
