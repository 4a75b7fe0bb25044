package io.viewercounts.broadcaster;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A real WebSocket client (the JDK's) that queues the frames it receives; it answers pings. */
final class TestClient implements WebSocket.Listener, AutoCloseable {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final long WAIT_SECONDS = 15;

  private final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
  private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
  private final StringBuilder partial = new StringBuilder();
  private final WebSocket socket;

  private TestClient(URI uri, Map<String, String> headers) {
    WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder();
    headers.forEach(builder::header);
    socket = builder.buildAsync(uri, this).join();
  }

  static TestClient connect(URI uri) {
    return new TestClient(uri, Map.of());
  }

  static TestClient connect(URI uri, String origin) {
    return new TestClient(uri, Map.of("Origin", origin));
  }

  /** As a load balancer connects on behalf of a client at {@code clientAddress}. */
  static TestClient connectForwardedFor(URI uri, String clientAddress) {
    return new TestClient(uri, Map.of("X-Forwarded-For", clientAddress));
  }

  void send(String text) {
    socket.sendText(text, true).join();
  }

  /** The next frame, parsed; fails if none arrives in time. */
  JsonNode next() throws InterruptedException {
    String frame = frames.poll(WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(frame).as("a frame within %d s", WAIT_SECONDS).isNotNull();
    return JSON.readTree(frame);
  }

  /** The status code the server closed with; fails if it does not close in time. */
  int closeCode() throws Exception {
    return closeCode.get(WAIT_SECONDS, TimeUnit.SECONDS);
  }

  /** Waits until the connection ends, with a close frame or without (a node that went away). */
  void awaitClosed() throws Exception {
    closeCode.exceptionally(error -> null).get(WAIT_SECONDS, TimeUnit.SECONDS);
  }

  @Override
  public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
    partial.append(data);
    if (last) {
      frames.add(partial.toString());
      partial.setLength(0);
    }
    webSocket.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
    closeCode.complete(statusCode);
    return null;
  }

  @Override
  public void onError(WebSocket webSocket, Throwable error) {
    closeCode.completeExceptionally(error);
  }

  @Override
  public void close() {
    socket
        .sendClose(WebSocket.NORMAL_CLOSURE, "")
        .exceptionally(alreadyClosed -> null)
        .completeOnTimeout(null, WAIT_SECONDS, TimeUnit.SECONDS)
        .join();
    socket.abort();
  }
}
