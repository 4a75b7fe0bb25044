package io.viewercounts.bench.failover;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FakeLivepeerTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private FakeLivepeer livepeer;

  @BeforeEach
  void start() throws IOException {
    livepeer = FakeLivepeer.start(3);
  }

  @AfterEach
  void stop() {
    livepeer.close();
  }

  @Test
  void listsItsStreamsLiveInLivepeersShape() throws Exception {
    assertThat(get("/stream?streamsonly=1"))
        .contains("\"id\":\"failover-stream-00\"", "\"id\":\"failover-stream-02\"",
            "\"playbackId\":\"failover-playback-1\"", "\"isActive\":true");
  }

  @Test
  void changesEveryCountOnEveryAnswerAndKnowsWhenEachWasServed() throws Exception {
    long before = System.nanoTime();
    assertThat(get("/data/views/now?breakdownBy[]=playbackId"))
        .contains("\"playbackId\":\"failover-playback-2\"", "\"viewCount\":" + Counts.of(1, 2));
    long between = System.nanoTime();
    assertThat(get("/data/views/now?breakdownBy[]=playbackId"))
        .contains("\"viewCount\":" + Counts.of(2, 2));

    assertThat(livepeer.firstAnswerFrom(before)).isEqualTo(1);
    assertThat(livepeer.firstAnswerFrom(between)).isEqualTo(2);
    assertThat(livepeer.firstAnswerFrom(System.nanoTime())).isZero();
    assertThat(livepeer.servedAt(2)).isBetween(between, System.nanoTime());
  }

  @Test
  void repeatsItsLastAnswerOnceFrozen() throws Exception {
    get("/data/views/now");
    assertThat(livepeer.freeze()).isEqualTo(1);

    assertThat(get("/data/views/now")).contains("\"viewCount\":" + Counts.of(1, 0));
    assertThat(livepeer.firstAnswerFrom(0)).isEqualTo(1);
  }

  private String get(String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(livepeer.apiUrl() + path)).build(),
        HttpResponse.BodyHandlers.ofString()).body();
  }
}
