package io.viewercounts.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * The standalone exactly as a user starts it, with everything embedded and the Livepeer simulator:
 * counts reach a WebSocket client, and it shuts down cleanly.
 */
class StandaloneSmokeTest {

  private static final Duration PATIENCE = Duration.ofSeconds(90);
  private static final String FIRST_SIMULATED_STREAM = "5f1e0c3a-0000-4d2b-9c1a-simulated000";

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void simulatedCountsReachAWebSocketClientAndEverythingStopsCleanly() throws Exception {
    ConfigurableApplicationContext standalone =
        StandaloneApplication.application()
            .run("--server.port=0", "--management.server.port=0", "--standalone.simulator.tick=200ms",
                "--poller.interval=250ms");
    try {
      int port = localPort(standalone, "local.server.port");
      int managementPort = localPort(standalone, "local.management.port");
      await().atMost(PATIENCE).until(() -> get(managementPort, "/actuator/health/readiness").statusCode() == 200);

      // Ready means every part runs; the first poll's rows may still be on their way through.
      String path = "/api/streams/" + FIRST_SIMULATED_STREAM;
      await().atMost(PATIENCE).until(() -> get(port, path).statusCode() == 200);
      assertThat(get(port, path).body()).contains("\"streamId\":\"" + FIRST_SIMULATED_STREAM + "\"");

      try (WebSocketTestClient client = WebSocketTestClient.connect(port)) {
        client.subscribe(FIRST_SIMULATED_STREAM);
        assertThat(client.next(PATIENCE).message().get("type").asText()).isEqualTo("subscribed");
        assertThat(aCountChanges(client)).isTrue();
      }
    } finally {
      long closing = System.nanoTime();
      standalone.close();
      assertThat(Duration.ofNanos(System.nanoTime() - closing)).isLessThan(Duration.ofSeconds(10));
    }
  }

  /** Whether a second, different count arrives for a stream after its first. */
  private static boolean aCountChanges(WebSocketTestClient client) throws InterruptedException {
    Map<String, Integer> firstSeen = new HashMap<>();
    while (true) {
      JsonNode message =
          client.nextMatching(m -> "viewer_count".equals(m.path("type").asText()), PATIENCE).message();
      Integer first = firstSeen.putIfAbsent(message.get("streamId").asText(), message.get("viewerCount").asInt());
      if (first != null && first != message.get("viewerCount").asInt()) {
        return true;
      }
    }
  }

  private HttpResponse<String> get(int port, String path) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static int localPort(ConfigurableApplicationContext context, String property) {
    return Integer.parseInt(context.getEnvironment().getProperty(property));
  }
}
