package io.viewercounts.broadcaster.fanout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spreads fan-out work over every core: a large audience, or the connections a batch held frames
 * for, in slices; or a batch of values of different streams in lanes. The calling thread takes the
 * first part and helper threads the others, and the call returns once all are done, so a later
 * frame of a stream never overtakes an earlier one. Handing over is non-blocking (each subscriber only queues or starts a non-blocking
 * write), so the wait is short.
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

  int threads() {
    return slices;
  }

  void deliver(Subscription[] subscriptions, Frame frame) {
    inSlices(subscriptions.length, (from, to) -> deliver(subscriptions, from, to, frame));
  }

  /** Flushes the subscribers a batch held frames for, in slices on every core when they are many. */
  void flush(List<Subscriber> held) {
    inSlices(held.size(), (from, to) -> flush(held, from, to));
  }

  private void inSlices(int length, Slice slice) {
    if (helpers == null || length < PARALLEL_FROM) {
      slice.run(0, length);
      return;
    }
    List<Runnable> parts = new ArrayList<>(slices);
    for (int i = 0; i < slices; i++) {
      int from = start(i, length);
      int to = start(i + 1, length);
      parts.add(() -> slice.run(from, to));
    }
    runAll(parts);
  }

  /**
   * Runs the tasks at once, the first on the calling thread, and returns when all are done. The
   * tasks must not use this pool themselves: a helper waiting for a helper could wait forever.
   */
  void runAll(List<Runnable> tasks) {
    if (helpers == null || tasks.size() <= 1) {
      tasks.forEach(Runnable::run);
      return;
    }
    CountDownLatch helped = new CountDownLatch(tasks.size() - 1);
    for (Runnable task : tasks.subList(1, tasks.size())) {
      try {
        helpers.execute(
            () -> {
              try {
                task.run();
              } finally {
                helped.countDown();
              }
            });
      } catch (RejectedExecutionException shuttingDown) {
        task.run();
        helped.countDown();
      }
    }
    tasks.get(0).run();
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

  private static void flush(List<Subscriber> held, int from, int to) {
    for (int i = from; i < to; i++) {
      try {
        held.get(i).flushHeld();
      } catch (RuntimeException e) {
        // flushHeld() does not throw by design; if it ever does, the others must still be flushed.
        log.warn("Flushing a subscriber's batch failed", e);
      }
    }
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

  /** Part of a piece of work: its items from {@code from} (inclusive) to {@code to}. */
  @FunctionalInterface
  private interface Slice {
    void run(int from, int to);
  }
}
