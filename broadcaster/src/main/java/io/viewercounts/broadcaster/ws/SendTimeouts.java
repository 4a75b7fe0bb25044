package io.viewercounts.broadcaster.ws;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enforces the send timeout for every open connection with one sweep a few times per timeout
 * (see {@link JettyTransport}), so a write may take up to a quarter more than the timeout before
 * it fails; far cheaper than a timer per write.
 */
final class SendTimeouts implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SendTimeouts.class);
  private static final int SWEEPS_PER_TIMEOUT = 4;

  private final long timeoutNanos;
  private final Set<JettyTransport> watched = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(
          task -> {
            Thread thread = new Thread(task, "ws-send-timeouts");
            thread.setDaemon(true);
            return thread;
          });

  SendTimeouts(Duration timeout) {
    this.timeoutNanos = timeout.toNanos();
  }

  void start() {
    long period = timeoutNanos / SWEEPS_PER_TIMEOUT;
    scheduler.scheduleAtFixedRate(this::sweepSafely, period, period, TimeUnit.NANOSECONDS);
  }

  void watch(JettyTransport transport) {
    watched.add(transport);
  }

  void forget(JettyTransport transport) {
    watched.remove(transport);
  }

  private void sweepSafely() {
    try {
      long startedBefore = System.nanoTime() - timeoutNanos;
      watched.forEach(transport -> transport.expireWriteStartedBefore(startedBefore));
    } catch (RuntimeException e) {
      log.warn("Checking the WebSocket send timeouts failed; trying again", e); // keep sweeping
    }
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
