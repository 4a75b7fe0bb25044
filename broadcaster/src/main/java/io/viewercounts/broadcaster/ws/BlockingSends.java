package io.viewercounts.broadcaster.ws;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the WebSocket writes the Jakarta API only offers as blocking calls (ping and close frames)
 * off the publishing, heartbeat and I/O threads. Each call is bounded by the send timeout, and a
 * connection has at most one of them at a time, so two threads are plenty.
 */
final class BlockingSends implements AutoCloseable {

  private static final int THREADS = 2;

  private final AtomicInteger threadNumber = new AtomicInteger();
  private final ExecutorService pool =
      Executors.newFixedThreadPool(
          THREADS,
          task -> {
            Thread thread = new Thread(task, "ws-blocking-send-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
          });

  /** Returns false when shutting down: the task will not run. */
  boolean submit(Runnable task) {
    try {
      pool.execute(task);
      return true;
    } catch (RejectedExecutionException e) {
      return false;
    }
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
