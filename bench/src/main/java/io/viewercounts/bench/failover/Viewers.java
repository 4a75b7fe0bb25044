package io.viewercounts.bench.failover;

import java.net.URI;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.ToLongFunction;

/**
 * The failover scenario's browser pages: reconnecting clients, each subscribed to every stream,
 * all reaching the broadcasters through one address.
 */
final class Viewers implements AutoCloseable {

  private final List<ReconnectingClient> clients;
  private final List<String> streams;
  private final ScheduledExecutorService timer;

  private Viewers(
      List<ReconnectingClient> clients, List<String> streams, ScheduledExecutorService timer) {
    this.clients = clients;
    this.streams = streams;
    this.timer = timer;
  }

  static Viewers open(int count, int port, List<String> streams) {
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "viewers-reconnect");
      thread.setDaemon(true);
      return thread;
    });
    HttpClient http = HttpClient.newHttpClient();
    URI uri = URI.create("ws://127.0.0.1:" + port + "/ws");
    List<ReconnectingClient> clients = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ReconnectingClient client =
          new ReconnectingClient(http, uri, streams, new ClientLog("client " + i), timer);
      clients.add(client);
      client.start();
    }
    return new Viewers(clients, streams, timer);
  }

  List<ClientLog> logs() {
    return clients.stream().map(ReconnectingClient::log).toList();
  }

  /** See {@link Recovery#millis}. */
  OptionalDouble recoveryMillis(long answer, long fromNanos) {
    return Recovery.millis(logs(), streams, answer, fromNanos);
  }

  /** Every client and stream without a count from answer {@code answer} or later. */
  List<String> lacking(long answer) {
    List<String> lacking = new ArrayList<>();
    for (ClientLog log : logs()) {
      for (String stream : streams) {
        if (log.firstReceiptFrom(stream, answer) < 0) {
          lacking.add(log.name() + " " + stream + " (last count " + log.lastCount(stream) + ")");
        }
      }
    }
    return lacking;
  }

  long connected() {
    return clients.stream().filter(ReconnectingClient::connected).count();
  }

  int reconnections() {
    return clients.stream().mapToInt(client -> client.connections() - 1).sum();
  }

  /** Every client and stream whose last count is not {@code expected(stream)}. */
  List<String> notAt(ToLongFunction<String> expected) {
    List<String> behind = new ArrayList<>();
    for (ClientLog log : logs()) {
      for (String stream : streams) {
        long last = log.lastCount(stream);
        if (last != expected.applyAsLong(stream)) {
          behind.add(log.name() + " ends " + stream + " at " + last + ", not "
              + expected.applyAsLong(stream));
        }
      }
    }
    return behind;
  }

  List<String> failures() {
    return logs().stream().flatMap(log -> log.failures().stream()).toList();
  }

  @Override
  public void close() {
    clients.forEach(ReconnectingClient::close);
    timer.shutdownNow();
  }
}
