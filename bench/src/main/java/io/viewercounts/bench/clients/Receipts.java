package io.viewercounts.bench.clients;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Every count a worker's clients took, with when (System.nanoTime, which on Linux is the same clock
 * in every process), kept in two growing primitive arrays: a 60-second run at 10,000 messages a
 * second is 600,000 receipts, a few megabytes. Selector thread only.
 */
final class Receipts {

  private int[] counts = new int[1 << 16];
  private long[] nanos = new long[1 << 16];
  private int size;

  void add(long count, long at) {
    if (size == counts.length) {
      counts = Arrays.copyOf(counts, size * 2);
      nanos = Arrays.copyOf(nanos, size * 2);
    }
    counts[size] = (int) count;
    nanos[size] = at;
    size++;
  }

  int size() {
    return size;
  }

  void clear() {
    size = 0;
  }

  /** Writes {@code int count, long nanos} pairs to {@code file} and forgets them. */
  void drainTo(Path file) throws IOException {
    try (DataOutputStream out =
        new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16))) {
      for (int i = 0; i < size; i++) {
        out.writeInt(counts[i]);
        out.writeLong(nanos[i]);
      }
    }
    size = 0;
  }
}
