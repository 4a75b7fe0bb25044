package io.viewercounts.bench.scenario;

import io.viewercounts.bench.deployment.Deployment;
import io.viewercounts.bench.writer.CountWriter;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

/**
 * The benchmark's own streams: created live with 0 viewers, and known to the broadcaster ({@code
 * GET /api/streams/{id}} answers 200) before any client subscribes, so each gets its snapshot.
 */
final class StreamsKnown {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private StreamsKnown() {}

  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  /** Creates {@code ids} (whatever they held before) and waits until the broadcaster knows them. */
  static void create(CountWriter writer, Deployment deployment, List<String> ids)
      throws SQLException, IOException, InterruptedException {
    writer.createStreams(ids);
    await(deployment, ids, TIMEOUT);
  }

  private static void await(Deployment deployment, List<String> ids, Duration timeout)
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
