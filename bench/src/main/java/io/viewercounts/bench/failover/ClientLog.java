package io.viewercounts.bench.failover;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What one client received, per stream: each new count with the moment it arrived, held against
 * what the contract promises. A version lower than one already received breaks it; the same
 * version again (the snapshot after a reconnect) does not, unless its count differs. A count
 * lower than one received under a lower version means a stale Livepeer answer was written after a
 * newer one. Thread-safe.
 */
final class ClientLog {

  private final String name;
  private final Map<String, StreamReceipts> streams = new HashMap<>();
  private final List<String> failures = new ArrayList<>();

  ClientLog(String name) {
    this.name = name;
  }

  /** @param nanos when it arrived (System.nanoTime) */
  synchronized void receive(String stream, long count, long version, long nanos) {
    StreamReceipts receipts = streams.computeIfAbsent(stream, s -> new StreamReceipts());
    if (receipts.size > 0) {
      if (version < receipts.version) {
        failures.add(name + ": " + stream + " went back from version " + receipts.version
            + " to " + version);
        return;
      }
      if (version == receipts.version) {
        if (count != receipts.lastCount()) {
          failures.add(name + ": " + stream + " version " + version + " came with count "
              + receipts.lastCount() + " and then " + count);
        }
        return;
      }
      if (count < receipts.lastCount()) {
        failures.add(name + ": " + stream + " count went back from " + receipts.lastCount()
            + " to " + count + " under a higher version " + version);
        return;
      }
    }
    receipts.add(count, version, nanos);
  }

  /**
   * When the first count from answer {@code answer} or a later one arrived for {@code stream}
   * (System.nanoTime), or -1 when none has yet.
   */
  synchronized long firstReceiptFrom(String stream, long answer) {
    StreamReceipts receipts = streams.get(stream);
    if (receipts == null) {
      return -1;
    }
    // Counts only grow (a count that fell is a failure already): the first at or above the answer.
    int low = 0;
    int high = receipts.size;
    while (low < high) {
      int middle = (low + high) >>> 1;
      if (Counts.answer(receipts.counts[middle]) >= answer) {
        high = middle;
      } else {
        low = middle + 1;
      }
    }
    return low < receipts.size ? receipts.nanos[low] : -1;
  }

  /** The last count received for {@code stream}, or -1 when none. */
  synchronized long lastCount(String stream) {
    StreamReceipts receipts = streams.get(stream);
    return receipts == null ? -1 : receipts.lastCount();
  }

  synchronized List<String> failures() {
    return List.copyOf(failures);
  }

  String name() {
    return name;
  }

  /** One stream's counts in the order they arrived, each with its arrival, and the last version. */
  private static final class StreamReceipts {
    long[] counts = new long[64];
    long[] nanos = new long[64];
    int size;
    long version;

    void add(long count, long version, long at) {
      if (size == counts.length) {
        counts = Arrays.copyOf(counts, size * 2);
        nanos = Arrays.copyOf(nanos, size * 2);
      }
      counts[size] = count;
      nanos[size] = at;
      size++;
      this.version = version;
    }

    long lastCount() {
      return counts[size - 1];
    }
  }
}
