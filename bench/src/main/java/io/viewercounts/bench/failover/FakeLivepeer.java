package io.viewercounts.bench.failover;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import tools.jackson.databind.json.JsonMapper;

/**
 * Livepeer for the failover scenario: an HTTP server on loopback answering the poller's two calls
 * ({@code GET /api/stream?streamsonly=1}, {@code GET /api/data/views/now}) for a fixed set of live
 * streams whose counts change on every answer. Each views answer is numbered, and every count it
 * holds says its number ({@link Counts}); the fake records when each answer was served, so the
 * first change served after any moment is known exactly. Frozen, it repeats its last answer.
 */
public final class FakeLivepeer implements AutoCloseable {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpServer server;
  private final ExecutorService executor;
  private final int streams;
  private final long createdAt = System.currentTimeMillis();
  /** When answer n was served (System.nanoTime), at index n - 1. */
  private final List<Long> servedAt = new ArrayList<>();
  private boolean frozen;

  private FakeLivepeer(HttpServer server, ExecutorService executor, int streams) {
    this.server = server;
    this.executor = executor;
    this.streams = streams;
  }

  public static FakeLivepeer start(int streams) throws IOException {
    if (streams < 1 || streams >= Counts.STREAMS_PER_ANSWER) {
      throw new IllegalArgumentException("1 to " + (Counts.STREAMS_PER_ANSWER - 1) + " streams");
    }
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    ExecutorService executor = Executors.newFixedThreadPool(2);
    FakeLivepeer fake = new FakeLivepeer(server, executor, streams);
    server.createContext("/api/stream", exchange -> answer(exchange, fake::streamList));
    server.createContext("/api/data/views/now", exchange -> answer(exchange, fake::viewsNow));
    server.setExecutor(executor);
    server.start();
    return fake;
  }

  /** What to give the poller as {@code livepeer.api-url}. */
  public String apiUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/api";
  }

  /** The stream ids, stream i at index i. */
  public List<String> streamIds() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < streams; i++) {
      ids.add(streamId(i));
    }
    return ids;
  }

  /**
   * The number of the first answer served at or after {@code nanos} (System.nanoTime), or 0 when
   * none has been yet.
   */
  public synchronized long firstAnswerFrom(long nanos) {
    for (int n = servedAt.size(); n >= 1 && servedAt.get(n - 1) >= nanos; n--) {
      if (n == 1 || servedAt.get(n - 2) < nanos) {
        return n;
      }
    }
    return 0;
  }

  /** When answer {@code n} was served (System.nanoTime). */
  public synchronized long servedAt(long n) {
    return servedAt.get((int) n - 1);
  }

  /** Stops changing: from now on every answer repeats the last; returns its number. */
  public synchronized long freeze() {
    frozen = true;
    return servedAt.size();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private static String streamId(int i) {
    return String.format("failover-stream-%02d", i);
  }

  private List<Map<String, Object>> streamList() {
    long now = System.currentTimeMillis();
    List<Map<String, Object>> list = new ArrayList<>();
    for (int i = 0; i < streams; i++) {
      Map<String, Object> stream = new LinkedHashMap<>();
      stream.put("id", streamId(i));
      stream.put("name", "Failover stream " + i);
      stream.put("kind", "stream");
      stream.put("playbackId", "failover-playback-" + i);
      stream.put("isActive", true);
      stream.put("lastSeen", now);
      stream.put("createdAt", createdAt);
      list.add(stream);
    }
    return list;
  }

  private synchronized List<Map<String, Object>> viewsNow() {
    if (!frozen || servedAt.isEmpty()) {
      servedAt.add(System.nanoTime());
    }
    long answer = servedAt.size();
    List<Map<String, Object>> views = new ArrayList<>();
    for (int i = 0; i < streams; i++) {
      views.add(Map.of("playbackId", "failover-playback-" + i,
          "viewCount", Counts.of(answer, i), "errorRate", 0.0));
    }
    return views;
  }

  private static void answer(HttpExchange exchange, Supplier<Object> body) throws IOException {
    try (exchange) {
      byte[] json = JSON.writeValueAsBytes(body.get());
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, json.length);
      exchange.getResponseBody().write(json);
    }
  }
}
