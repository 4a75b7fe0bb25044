package io.viewercounts.broadcaster.ws;

import io.viewercounts.broadcaster.fanout.ServerClose;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * When the node stops, closes every WebSocket with 1001 (going away) before the web server stops,
 * so browsers see a clean close and reconnect at once, instead of an abnormal 1006 when the
 * server drops the sockets. Stops in the first phase, before the web server's graceful shutdown.
 */
final class GoingAway implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(GoingAway.class);
  private static final long POLL_MILLIS = 20;

  private final Connections connections;
  private final Duration closeTimeout;
  private volatile boolean running;

  /** @param closeTimeout how long to wait for the clients' answering close frames */
  GoingAway(Connections connections, Duration closeTimeout) {
    this.connections = connections;
    this.closeTimeout = closeTimeout;
  }

  @Override
  public void start() {
    running = true;
  }

  @Override
  public void stop() {
    running = false;
    int open = connections.count();
    if (open == 0) {
      return;
    }
    connections.all().forEach(c -> c.subscriber().close(ServerClose.SHUTTING_DOWN));
    long deadline = System.nanoTime() + closeTimeout.toNanos();
    try {
      while (connections.count() > 0 && System.nanoTime() < deadline) {
        Thread.sleep(POLL_MILLIS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    log.info("Closed {} WebSockets with 1001 (going away); {} did not answer in time", open,
        connections.count());
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
