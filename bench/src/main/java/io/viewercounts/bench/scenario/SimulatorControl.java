package io.viewercounts.bench.scenario;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The standalone's Livepeer simulator, seen from the benchmark: its streams (through Livepeer's
 * own {@code GET /stream} call) and its control API, which sets a stream's viewers.
 */
final class SimulatorControl {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final String apiUrl;
  private final String root;

  /** @param apiUrl the URL the poller polls, {@code http://host:port/api} */
  SimulatorControl(String apiUrl) {
    this.apiUrl = apiUrl;
    this.root = apiUrl.replaceFirst("/api/?$", "");
  }

  /** The ids of the simulator's live streams. */
  List<String> liveStreams() throws IOException, InterruptedException {
    HttpResponse<String> answer = HTTP.send(
        HttpRequest.newBuilder(URI.create(apiUrl + "/stream?streamsonly=1")).build(),
        HttpResponse.BodyHandlers.ofString());
    List<String> ids = new ArrayList<>();
    for (JsonNode stream : JSON.readTree(answer.body())) {
      if (stream.path("isActive").asBoolean(false)) {
        ids.add(stream.path("id").asString());
      }
    }
    return ids;
  }

  /** Sets the viewers of {@code id}; returns System.nanoTime once the simulator answers them. */
  long setViewers(String id, long viewers) throws IOException, InterruptedException {
    HttpResponse<String> answer = HTTP.send(
        HttpRequest.newBuilder(URI.create(root + "/simulator/streams/"
                + URLEncoder.encode(id, StandardCharsets.UTF_8) + "/viewers"))
            .PUT(HttpRequest.BodyPublishers.ofString(String.valueOf(viewers)))
            .build(),
        HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() != 204) {
      throw new IOException("the simulator refused a count for " + id + ": " + answer.statusCode()
          + " " + answer.body());
    }
    return System.nanoTime();
  }
}
