package io.viewercounts.broadcaster.fanout;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands a frame to the subscribers of a stream, splitting a large audience over every core: the
 * publishing thread takes the first slice and helper threads the others, and the call returns once
 * all slices are done, so a later frame of the stream never overtakes this one. Handing over is
 * non-blocking (each subscriber only queues or starts a non-blocking write), so the wait is short.
 */
final class ParallelDelivery implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ParallelDelivery.class);

  /** Below this many subscribers one thread is faster than coordinating several. */
  static final int PARALLEL_FROM = 1024;

  private final int slices;
  private final AtomicInteger threadNumber = new AtomicInteger();
  private final ExecutorService helpers;

  ParallelDelivery(int threads) {
    this.slices = threads;
    this.helpers =
        threads > 1
            ? Executors.newFixedThreadPool(
                threads - 1,
                task -> {
                  Thread thread = new Thread(task, "fanout-" + threadNumber.incrementAndGet());
                  thread.setDaemon(true);
                  return thread;
                })
            : null;
  }

  void deliver(Subscription[] subscriptions, Frame frame) {
    if (helpers == null || subscriptions.length < PARALLEL_FROM) {
      deliver(subscriptions, 0, subscriptions.length, frame);
      return;
    }
    CountDownLatch helped = new CountDownLatch(slices - 1);
    for (int slice = 1; slice < slices; slice++) {
      int from = start(slice, subscriptions.length);
      int to = start(slice + 1, subscriptions.length);
      try {
        helpers.execute(
            () -> {
              try {
                deliver(subscriptions, from, to, frame);
              } finally {
                helped.countDown();
              }
            });
      } catch (RejectedExecutionException shuttingDown) {
        deliver(subscriptions, from, to, frame);
        helped.countDown();
      }
    }
    deliver(subscriptions, 0, start(1, subscriptions.length), frame);
    try {
      helped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    if (helpers != null) {
      helpers.shutdown();
    }
  }

  private int start(int slice, int length) {
    return (int) ((long) length * slice / slices);
  }

  private static void deliver(Subscription[] subscriptions, int from, int to, Frame frame) {
    for (int i = from; i < to; i++) {
      try {
        subscriptions[i].deliver(frame);
      } catch (RuntimeException e) {
        // deliver() does not throw by design; if it ever does, the others must still get the frame.
        log.warn("Delivering {} to a subscriber failed", frame.streamId(), e);
      }
    }
  }
}
