package io.viewercounts.poller.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntUnaryOperator;

/**
 * Livepeer's two endpoints for a large account, on the JDK's HTTP server (random port): answers
 * are built once as bytes and served as they are, so tens of megabytes cost the server nothing and
 * a measurement sees the poller's work, not the fake's. Stream {@code i} has id {@code s-i} and
 * playback id {@code pb-i}.
 */
public final class BulkLivepeer implements AutoCloseable {

  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(2);
  private volatile byte[] streams = "[]".getBytes(StandardCharsets.UTF_8);
  private volatile byte[] views = "[]".getBytes(StandardCharsets.UTF_8);

  public BulkLivepeer() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext(FakeLivepeer.STREAMS_PATH, exchange -> answer(exchange, streams));
    server.createContext(FakeLivepeer.VIEWS_NOW_PATH, exchange -> answer(exchange, views));
    server.setExecutor(executor);
    server.start();
  }

  /** The base URL to configure, like https://livepeer.studio/api. */
  public String apiUrl() {
    return "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort()
        + "/api";
  }

  /** GET /stream lists streams 0 to count - 1, all live, with the fields Livepeer always sends. */
  public void liveStreams(int count) {
    StringBuilder json = new StringBuilder(count * 220).append('[');
    for (int i = 0; i < count; i++) {
      if (i > 0) {
        json.append(',');
      }
      json.append("{\"id\":\"s-")
          .append(i)
          .append("\",\"name\":\"Show ")
          .append(i)
          .append("\",\"kind\":\"stream\",\"playbackId\":\"pb-")
          .append(i)
          .append("\",\"isActive\":true,\"isHealthy\":true,\"lastSeen\":1713281210000,")
          .append("\"createdAt\":1700000000000,\"record\":false,\"suspended\":false,")
          .append("\"userId\":\"66c8f1d3-9a56-4a8e-8a1e-3f0a5c2b7d10\"}");
    }
    streams = json.append(']').toString().getBytes(StandardCharsets.UTF_8);
  }

  /** GET /data/views/now counts {@code viewers.applyAsInt(i)} for playback ids 0 to count - 1. */
  public void views(int count, IntUnaryOperator viewers) {
    StringBuilder json = new StringBuilder(count * 60).append('[');
    for (int i = 0; i < count; i++) {
      if (i > 0) {
        json.append(',');
      }
      json.append("{\"playbackId\":\"pb-")
          .append(i)
          .append("\",\"viewCount\":")
          .append(viewers.applyAsInt(i))
          .append(",\"errorRate\":0.0}");
    }
    views = json.append(']').toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void answer(HttpExchange exchange, byte[] body) throws IOException {
    try (exchange) {
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
