package io.viewercounts.broadcaster.ws;

import io.viewercounts.broadcaster.fanout.ServerClose;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pings every connection each interval (through its outbox, so never during another send) and
 * closes those not heard from, by pong or message, for two intervals.
 */
final class Heartbeat implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Heartbeat.class);

  private final Connections connections;
  private final Duration interval;
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(
          task -> {
            Thread thread = new Thread(task, "ws-heartbeat");
            thread.setDaemon(true);
            return thread;
          });

  Heartbeat(Connections connections, Duration interval) {
    this.connections = connections;
    this.interval = interval;
  }

  void start() {
    long millis = interval.toMillis();
    scheduler.scheduleAtFixedRate(this::beatSafely, millis, millis, TimeUnit.MILLISECONDS);
  }

  void beat() {
    long silentLimit = interval.multipliedBy(2).toNanos();
    for (Connection connection : connections.all()) {
      if (connection.silentForNanos() > silentLimit) {
        connection.subscriber().close(ServerClose.PING_TIMEOUT);
      } else {
        connection.subscriber().ping();
      }
    }
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }

  private void beatSafely() {
    try {
      beat();
    } catch (RuntimeException e) {
      // An exception would cancel the schedule: log it and keep beating.
      log.error("Heartbeat failed", e);
    }
  }
}
