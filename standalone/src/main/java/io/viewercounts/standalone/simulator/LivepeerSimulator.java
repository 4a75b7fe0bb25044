package io.viewercounts.standalone.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * A stand-in for Livepeer Studio's API: an HTTP server on loopback that answers the two calls the
 * poller makes ({@code GET /api/stream?streamsonly=1} and {@code GET /api/data/views/now}) in
 * Livepeer's shapes, for a few streams whose audiences rise and fall every tick. It lets the
 * standalone run the poller's real HTTP path without an account.
 *
 * <p>It also has a control API for benchmarks, {@code PUT /simulator/streams/{id}/viewers} (see
 * {@link ViewersControl}), which sets a stream's audience at once; with drift off, that is the only
 * thing that moves them. The control API has no authentication: that is why the server listens on
 * the loopback interface only, where nothing but the machine itself can reach it.
 */
public final class LivepeerSimulator implements AutoCloseable {

  private static final String[] NAMES = {
    "Morning Coffee Chat", "Speedrun Marathon", "Lo-fi Beats to Code To", "City Council Live",
    "Deep Sea Cam", "Indie Game Jam", "Chess Blitz Night", "Sunset Over the Harbour"
  };
  private static final int[] TYPICAL_AUDIENCES = {12_000, 3_400, 850, 120, 15, 0, 2_000, 40};

  private final List<SimulatedStream> streams;
  private final HttpServer server;
  private final ScheduledExecutorService ticker;

  private LivepeerSimulator(List<SimulatedStream> streams, HttpServer server, ScheduledExecutorService ticker) {
    this.streams = streams;
    this.server = server;
    this.ticker = ticker;
  }

  /**
   * @param port port to listen on, 0 for any free port
   * @param streamCount how many streams to simulate (1 to 8)
   * @param tick how often audiences move when they drift
   * @param drift whether audiences move on their own every tick; when false, only the control API
   *     changes them
   */
  public static LivepeerSimulator start(int port, int streamCount, Duration tick, boolean drift) {
    if (streamCount < 1 || streamCount > NAMES.length) {
      throw new IllegalArgumentException("the simulator runs 1 to " + NAMES.length + " streams, not " + streamCount);
    }
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
      ScheduledExecutorService ticker =
          Executors.newSingleThreadScheduledExecutor(runnable -> new Thread(runnable, "livepeer-simulator"));
      LivepeerSimulator simulator = new LivepeerSimulator(createStreams(streamCount), server, ticker);
      simulator.serve(tick, drift);
      return simulator;
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the Livepeer simulator: " + e.getMessage(), e);
    }
  }

  /** The simulator's own address, under which lie {@code /api} and {@code /simulator}. */
  public String baseUrl() {
    InetSocketAddress address = server.getAddress();
    return "http://" + address.getHostString() + ":" + address.getPort();
  }

  /** The base URL to give the poller as {@code livepeer.api-url}. */
  public String apiUrl() {
    return baseUrl() + "/api";
  }

  @Override
  public void close() {
    ticker.shutdownNow();
    server.stop(0);
  }

  private static List<SimulatedStream> createStreams(int count) {
    long now = System.currentTimeMillis();
    List<SimulatedStream> streams = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String id = String.format("5f1e0c3a-%04d-4d2b-9c1a-simulated%03d", i, i);
      String playbackId = String.format("sim%04dplayback", i);
      streams.add(new SimulatedStream(id, playbackId, NAMES[i], TYPICAL_AUDIENCES[i], now));
    }
    return streams;
  }

  private void serve(Duration tick, boolean drift) {
    if (drift) {
      RandomGenerator random = new SplittableRandom();
      ticker.scheduleAtFixedRate(() -> tickAll(random), tick.toMillis(), tick.toMillis(), TimeUnit.MILLISECONDS);
    }
    server.createContext("/api/stream", exchange -> answer(exchange, this::streamList));
    server.createContext("/api/data/views/now", exchange -> answer(exchange, this::viewsNow));
    server.createContext(ViewersControl.CONTEXT, new ViewersControl(this::setViewers));
    server.start();
  }

  private synchronized boolean setViewers(String streamId, int viewers) {
    long now = System.currentTimeMillis();
    for (SimulatedStream stream : streams) {
      if (stream.id().equals(streamId)) {
        stream.setViewers(viewers, now);
        return true;
      }
    }
    return false;
  }

  private synchronized void tickAll(RandomGenerator random) {
    long now = System.currentTimeMillis();
    streams.forEach(stream -> stream.tick(random, now));
  }

  private synchronized List<Map<String, Object>> streamList() {
    return streams.stream().map(SimulatedStream::toStreamObject).toList();
  }

  /** Like Livepeer, lists only streams that have viewers right now. */
  private synchronized List<Map<String, Object>> viewsNow() {
    return streams.stream()
        .filter(stream -> stream.live() && stream.viewers() > 0)
        .map(SimulatedStream::toViewsEntry)
        .toList();
  }

  private void answer(HttpExchange exchange, Supplier<Object> body) throws IOException {
    try (exchange) {
      if (!"GET".equals(exchange.getRequestMethod())) {
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      JsonAnswer.send(exchange, 200, body.get());
    }
  }
}
