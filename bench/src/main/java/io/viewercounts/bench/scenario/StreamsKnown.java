package io.viewercounts.bench.scenario;

import io.viewercounts.bench.deployment.Deployment;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * Waits until the broadcaster knows streams the benchmark just created ({@code GET
 * /api/streams/{id}} answers 200), so clients that subscribe next get their snapshot.
 */
final class StreamsKnown {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private StreamsKnown() {}

  static void await(Deployment deployment, List<String> ids, Duration timeout)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (String id : ids) {
      URI uri = URI.create("http://" + deployment.host() + ":" + deployment.port()
          + "/api/streams/" + URLEncoder.encode(id, StandardCharsets.UTF_8));
      while (HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding())
              .statusCode() != 200) {
        if (System.nanoTime() > deadline) {
          throw new IOException("the broadcaster did not learn of stream " + id + " within "
              + timeout.toSeconds() + " s of its creation: is the pipeline running?");
        }
        Thread.sleep(100);
      }
    }
  }
}
