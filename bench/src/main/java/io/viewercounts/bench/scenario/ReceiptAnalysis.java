package io.viewercounts.bench.scenario;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntToLongFunction;
import java.util.function.LongBinaryOperator;
import org.HdrHistogram.Histogram;

/**
 * Turns the workers' receipts (count, when) into latencies from each change's COMMIT, and into
 * messages received per second. A count names its change ({@link
 * io.viewercounts.bench.writer.SteadyWriter}), so no clock but System.nanoTime is involved.
 */
final class ReceiptAnalysis {

  /** The span of {@link #worstMicrosPerWindow}'s windows. */
  static final int WINDOW_SECONDS = 10;

  final Histogram latencyMicros = ResultBuilder.microsHistogram();
  final List<Long> perSecond = new ArrayList<>();

  /**
   * The worst latency of the changes committed in each {@link #WINDOW_SECONDS} of the run: where
   * in a run its high percentiles come from (a cold start's first seconds, a pause).
   */
  final List<Long> worstMicrosPerWindow = new ArrayList<>();
  long measured;
  long beforeCommit;

  /**
   * @param commitNanos when the COMMIT of each count returned, 0 for counts no change wrote
   * @param from the start of the run (System.nanoTime): seconds count from here
   * @param measuredFrom changes committed before this are warm-up: received, not measured
   */
  static ReceiptAnalysis of(List<Path> files, IntToLongFunction commitNanos, long from,
      long measuredFrom) throws IOException {
    ReceiptAnalysis analysis = new ReceiptAnalysis();
    for (Path file : files) {
      try (DataInputStream in =
          new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
        while (true) {
          int count;
          long at;
          try {
            count = in.readInt();
            at = in.readLong();
          } catch (EOFException end) {
            break;
          }
          analysis.take(commitNanos.applyAsLong(count), at, from, measuredFrom);
        }
      }
      Files.deleteIfExists(file);
    }
    return analysis;
  }

  private void take(long committed, long at, long from, long measuredFrom) {
    int second = (int) ((at - from) / TimeUnit.SECONDS.toNanos(1));
    if (second >= 0) {
      combine(perSecond, second, 1, Long::sum);
    }
    if (committed == 0 || committed < measuredFrom) {
      return;
    }
    measured++;
    long micros = TimeUnit.NANOSECONDS.toMicros(at - committed);
    if (micros < 0) {
      beforeCommit++; // the change overtook the COMMIT's answer to the writer: count it as 0
      micros = 0;
    }
    latencyMicros.recordValue(Math.min(micros, latencyMicros.getHighestTrackableValue()));
    int window = (int) ((committed - from) / TimeUnit.SECONDS.toNanos(WINDOW_SECONDS));
    combine(worstMicrosPerWindow, window, micros, Math::max);
  }

  /** Combines {@code value} into the series at {@code index}, growing it with zeros up to there. */
  private static void combine(List<Long> series, int index, long value, LongBinaryOperator how) {
    while (series.size() <= index) {
      series.add(0L);
    }
    series.set(index, how.applyAsLong(series.get(index), value));
  }
}
