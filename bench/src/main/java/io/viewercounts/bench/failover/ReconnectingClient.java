package io.viewercounts.bench.failover;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One browser page, as viewer-counts.js behaves: subscribes to its streams on every connection
 * (the server then sends each one's current count, then changes), and after a drop reconnects by
 * {@link PageBackoff}. Every count it receives goes to its {@link ClientLog}.
 */
final class ReconnectingClient implements WebSocket.Listener {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpClient http;
  private final URI uri;
  private final List<String> streams;
  private final ClientLog log;
  private final ScheduledExecutorService timer;
  private final PageBackoff backoff = new PageBackoff();
  private final SplittableRandom random = new SplittableRandom();
  private final StringBuilder partial = new StringBuilder();
  private WebSocket socket; // the current connection, null between connections
  private long openedAt; // System.nanoTime of the current connection's opening, 0 before
  private boolean closed;
  private int connections;

  ReconnectingClient(HttpClient http, URI uri, List<String> streams, ClientLog log,
      ScheduledExecutorService timer) {
    this.http = http;
    this.uri = uri;
    this.streams = List.copyOf(streams);
    this.log = log;
    this.timer = timer;
  }

  synchronized void start() {
    connect();
  }

  synchronized boolean connected() {
    return socket != null && openedAt != 0;
  }

  /** How many connections it opened so far. */
  synchronized int connections() {
    return connections;
  }

  ClientLog log() {
    return log;
  }

  synchronized void close() {
    closed = true;
    if (socket != null) {
      socket.abort();
    }
  }

  private synchronized void connect() {
    if (closed) {
      return;
    }
    http.newWebSocketBuilder()
        .connectTimeout(Duration.ofSeconds(5))
        .buildAsync(uri, this)
        .whenComplete((opened, failure) -> {
          if (failure != null) {
            dropped(null);
          }
        });
  }

  @Override
  public synchronized void onOpen(WebSocket webSocket) {
    socket = webSocket;
    openedAt = System.nanoTime();
    connections++;
    // A new connection knows nothing: subscribe to everything again.
    webSocket.sendText(JSON.writeValueAsString(
        Map.of("type", "subscribe", "streamIds", streams)), true);
    webSocket.request(1);
  }

  @Override
  public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
    long arrived = System.nanoTime();
    String frame;
    synchronized (this) {
      partial.append(data);
      if (!last) {
        webSocket.request(1);
        return null;
      }
      frame = partial.toString();
      partial.setLength(0);
    }
    JsonNode message = JSON.readTree(frame);
    if ("viewer_count".equals(message.path("type").asString())) {
      log.receive(message.path("streamId").asString(), message.path("viewerCount").asLong(),
          message.path("version").asLong(), arrived);
    }
    webSocket.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
    webSocket.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
    dropped(webSocket);
    return null;
  }

  @Override
  public void onError(WebSocket webSocket, Throwable error) {
    dropped(webSocket);
  }

  /** @param which the connection that ended, or null for an attempt that never opened */
  private synchronized void dropped(WebSocket which) {
    if (which != null && which != socket) {
      return; // an older connection's late news
    }
    long openFor = which == null ? -1 : TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - openedAt);
    socket = null;
    openedAt = 0;
    partial.setLength(0);
    if (!closed) {
      timer.schedule(this::connect, backoff.nextDelayMillis(openFor, random),
          TimeUnit.MILLISECONDS);
    }
  }
}
