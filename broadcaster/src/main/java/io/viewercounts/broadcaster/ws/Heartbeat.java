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
 *
 * <p>A round is spread over the interval in {@link #SLICES} ticks, each taking the connections of
 * one slice: a node of 20,000 connections pings 800 at a time, not 20,000 at once, whose writes
 * and pongs would hold up a change's fan-out that met them.
 */
final class Heartbeat implements AutoCloseable {

  /** Ticks a round is spread over: one a second at the default interval of 25 s. */
  static final int SLICES = 25;

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
  private int slice; // the next tick's; only the scheduler's thread ticks

  Heartbeat(Connections connections, Duration interval) {
    this.connections = connections;
    this.interval = interval;
  }

  void start() {
    long tickNanos = interval.toNanos() / SLICES;
    scheduler.scheduleAtFixedRate(this::tickSafely, tickNanos, tickNanos, TimeUnit.NANOSECONDS);
  }

  /** Pings, or closes if silent too long, the connections of the next slice. */
  void tick() {
    long silentLimit = interval.multipliedBy(2).toNanos();
    for (Connection connection : connections.all()) {
      if (sliceOf(connection) != slice) {
        continue;
      }
      if (connection.silentForNanos() > silentLimit) {
        connection.subscriber().close(ServerClose.PING_TIMEOUT);
      } else {
        connection.subscriber().ping();
      }
    }
    slice = (slice + 1) % SLICES;
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }

  private void tickSafely() {
    try {
      tick();
    } catch (RuntimeException e) {
      // An exception would cancel the schedule: log it and keep beating.
      log.error("Heartbeat failed", e);
    }
  }

  // Fixed for a connection's life, and spread evenly enough over many.
  private static int sliceOf(Connection connection) {
    return Math.floorMod(System.identityHashCode(connection), SLICES);
  }
}
