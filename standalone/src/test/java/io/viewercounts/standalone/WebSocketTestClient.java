package io.viewercounts.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A real WebSocket client (the JDK's) that keeps every message it receives, in order. */
final class WebSocketTestClient implements AutoCloseable {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** A received message and when it arrived. */
  record Received(JsonNode message, long receivedAtNanos) {}

  private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
  private final WebSocket socket;

  private WebSocketTestClient(URI uri) {
    this.socket =
        HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(uri, new Collector()).join();
  }

  static WebSocketTestClient connect(int port) {
    return new WebSocketTestClient(URI.create("ws://localhost:" + port + "/ws"));
  }

  void subscribe(String... streamIds) {
    socket.sendText(JSON.writeValueAsString(Map.of("type", "subscribe", "streamIds", streamIds)), true).join();
  }

  /** The next message, failing the test if none arrives in time. */
  Received next(Duration timeout) throws InterruptedException {
    Received message = received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    assertThat(message).as("a message within %s", timeout).isNotNull();
    return message;
  }

  /** Skips messages until one matches, failing the test if none does in time. */
  Received nextMatching(Predicate<JsonNode> wanted, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Received message = received.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      assertThat(message).as("a matching message within %s", timeout).isNotNull();
      if (wanted.test(message.message())) {
        return message;
      }
    }
  }

  @Override
  public void close() {
    socket.abort();
  }

  private final class Collector implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        received.add(new Received(JSON.readTree(partial.toString()), System.nanoTime()));
        partial.setLength(0);
      }
      webSocket.request(1);
      return null;
    }
  }
}
