package io.viewercounts.bench.writer;

import io.viewercounts.bench.deployment.Deployment.Database;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Commits {@code rate} count changes a second for a while, round-robin over the streams, from a few
 * threads with a connection each (one connection cannot commit a thousand times a second with room
 * to spare). Each stream belongs to one thread, and every change writes the next number of one
 * sequence, so a stream's counts only rise and a count names its change: {@link #commitNanos}
 * says when the COMMIT of count {@code n} returned.
 */
public final class SteadyWriter {

  private static final long SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

  private final Database database;
  private final List<String> streams;
  private final int threads;
  private final AtomicInteger sequence = new AtomicInteger();
  private final long[] commitNanos;
  private final int[] streamOfChange;
  private final Map<String, Long> finalCounts = new HashMap<>();
  private volatile Exception failure;

  /** @param capacity the most changes the run may commit */
  public SteadyWriter(Database database, List<String> streams, int threads, int capacity) {
    this.database = database;
    this.streams = streams;
    this.threads = Math.min(threads, streams.size());
    this.commitNanos = new long[capacity + 1];
    this.streamOfChange = new int[capacity + 1];
  }

  /** Commits {@code rate} changes a second for {@code seconds}; returns how many it committed. */
  public int run(int rate, double seconds) throws Exception {
    List<Thread> running = new ArrayList<>();
    List<Map<String, Long>> lastCounts = new ArrayList<>();
    long start = System.nanoTime();
    long slices = (long) (seconds * TimeUnit.SECONDS.toNanos(1) / SLICE_NANOS);
    for (int t = 0; t < threads; t++) {
      int part = t;
      Map<String, Long> last = new HashMap<>();
      lastCounts.add(last);
      Thread thread = new Thread(() -> commitPart(part, rate, start, slices, last), "writer-" + t);
      running.add(thread);
      thread.start();
    }
    for (Thread thread : running) {
      thread.join();
    }
    lastCounts.forEach(finalCounts::putAll);
    if (failure != null) {
      throw failure;
    }
    return sequence.get();
  }

  /** When the COMMIT of count {@code n} returned (System.nanoTime), 0 if no change wrote it. */
  public long commitNanos(int n) {
    return n > 0 && n < commitNanos.length ? commitNanos[n] : 0;
  }

  /** Which of the streams (by position) change {@code n} wrote. */
  public int streamOf(int n) {
    return streamOfChange[n];
  }

  /** The last count written to each stream that changed. */
  public Map<String, Long> finalCounts() {
    return finalCounts;
  }

  private void commitPart(int part, int rate, long start, long slices, Map<String, Long> last) {
    List<Integer> mine = new ArrayList<>();
    for (int i = part; i < streams.size(); i += threads) {
      mine.add(i);
    }
    int next = 0;
    try (CountWriter writer = new CountWriter(database)) {
      for (long slice = 0; slice < slices && failure == null; slice++) {
        // this thread's share of the changes due by the end of the slice, spread evenly
        long due = share(part, (slice + 1) * rate * SLICE_NANOS / TimeUnit.SECONDS.toNanos(1))
            - share(part, slice * rate * SLICE_NANOS / TimeUnit.SECONDS.toNanos(1));
        for (long k = 0; k < due; k++) {
          int n = sequence.incrementAndGet();
          if (n >= commitNanos.length) {
            return;
          }
          int stream = mine.get(next++ % mine.size());
          streamOfChange[n] = stream;
          commitNanos[n] = writer.commit(streams.get(stream), n);
          last.put(streams.get(stream), (long) n);
        }
        long wait = start + (slice + 1) * SLICE_NANOS - System.nanoTime();
        if (wait > 0) {
          TimeUnit.NANOSECONDS.sleep(wait);
        }
      }
    } catch (SQLException | RuntimeException e) {
      failure = e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Of the first {@code total} changes, how many are this thread's. */
  private long share(int part, long total) {
    return total / threads + (part < total % threads ? 1 : 0);
  }
}
