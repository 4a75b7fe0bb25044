package io.viewercounts.cdc.topology;

import io.viewercounts.events.MinuteStats;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * One stream's open minute: the count it holds, since when, and what the minute has seen so far.
 * A count holds until the next change, so each stretch between two changes adds its count times
 * its length to the minute's weighted sum; closing the minute adds the last stretch up to its end.
 *
 * <p>Times are milliseconds since the epoch, of commits in PostgreSQL. Changes of one stream reach
 * the topology in commit order; one stamped earlier than a change already counted (a clock step)
 * counts at the time of that change, and one stamped in a minute already closed counts in the open
 * minute, at its start ({@link #isLate}).
 */
final class StreamMinute {

  static final long MINUTE_MS = 60_000;

  private long windowStart;
  private long heldSince;
  private int count;
  private boolean live;
  /** Whether the minute has held a live count yet, which makes {@code peak} and {@code min} hold. */
  private boolean liveSeen;
  private int peak;
  private int min;
  private long weightedSum;
  private long liveMillis;
  private int changes;

  StreamMinute(
      long windowStart,
      long heldSince,
      int count,
      boolean live,
      boolean liveSeen,
      int peak,
      int min,
      long weightedSum,
      long liveMillis,
      int changes) {
    this.windowStart = windowStart;
    this.heldSince = heldSince;
    this.count = count;
    this.live = live;
    this.liveSeen = liveSeen;
    this.peak = peak;
    this.min = min;
    this.weightedSum = weightedSum;
    this.liveMillis = liveMillis;
    this.changes = changes;
  }

  /** A stream's first change seen: its minute opens with it. */
  static StreamMinute first(int count, boolean live, long at) {
    return new StreamMinute(minuteOf(at), at, count, live, live, count, count, 0, 0, 1);
  }

  /** A stream seen first holding a count since {@code since}, with no change in its minute. */
  static StreamMinute holding(int count, boolean live, long since) {
    return new StreamMinute(minuteOf(since), since, count, live, live, count, count, 0, 0, 0);
  }

  static long minuteOf(long at) {
    return Math.floorDiv(at, MINUTE_MS) * MINUTE_MS;
  }

  /** Whether a change stamped {@code at} belongs to a minute this stream has already closed. */
  boolean isLate(long at) {
    return at < windowStart;
  }

  /**
   * Counts a change: closes (and emits) the minutes that ended before it, then holds its count.
   */
  void change(int newCount, boolean newLive, long at, String streamId, Consumer<MinuteStats> emit) {
    long when = Math.max(at, heldSince);
    closeBefore(when, streamId, emit);
    holdUntil(when);
    if (newLive) {
      peak = liveSeen ? Math.max(peak, newCount) : newCount;
      min = liveSeen ? Math.min(min, newCount) : newCount;
      liveSeen = true;
    }
    count = newCount;
    live = newLive;
    changes++;
  }

  /** The stream was deleted at {@code at}: its open minute closes there (emitted if it was live). */
  void delete(long at, String streamId, Consumer<MinuteStats> emit) {
    long when = Math.max(at, heldSince);
    closeBefore(when, streamId, emit);
    holdUntil(when);
    live = false;
    changes++;
    if (liveMillis > 0) {
      emit.accept(stats(streamId));
    }
  }

  /**
   * Closes every minute that ended at or before {@code time}, emitting each in which the stream was
   * live; a stream not live skips the minutes that would say nothing.
   */
  void closeBefore(long time, String streamId, Consumer<MinuteStats> emit) {
    while (windowStart + MINUTE_MS <= time) {
      long windowEnd = windowStart + MINUTE_MS;
      holdUntil(windowEnd);
      if (liveMillis > 0) {
        emit.accept(stats(streamId));
      }
      openNext(live ? windowEnd : Math.max(windowEnd, minuteOf(time)));
    }
  }

  /** Whether nothing of this stream is left to count: not live, and its open minute is empty. */
  boolean isIdle() {
    return !live && liveMillis == 0;
  }

  long windowEnd() {
    return windowStart + MINUTE_MS;
  }

  private void holdUntil(long time) {
    if (live && time > heldSince) {
      weightedSum += (long) count * (time - heldSince);
      liveMillis += time - heldSince;
    }
    heldSince = Math.max(heldSince, time);
  }

  private void openNext(long start) {
    windowStart = start;
    heldSince = start;
    weightedSum = 0;
    liveMillis = 0;
    changes = 0;
    liveSeen = live; // the held count carries over into the new minute
    peak = count;
    min = count;
  }

  private MinuteStats stats(String streamId) {
    return new MinuteStats(
        streamId,
        Instant.ofEpochMilli(windowStart),
        Instant.ofEpochMilli(windowStart + MINUTE_MS),
        peak,
        min,
        Math.round((double) weightedSum / liveMillis * 1000) / 1000.0,
        count,
        changes,
        liveMillis / 1000.0,
        live);
  }

  // --- for the store's serde

  long windowStart() {
    return windowStart;
  }

  long heldSince() {
    return heldSince;
  }

  int count() {
    return count;
  }

  boolean live() {
    return live;
  }

  boolean liveSeen() {
    return liveSeen;
  }

  int peak() {
    return peak;
  }

  int min() {
    return min;
  }

  long weightedSum() {
    return weightedSum;
  }

  long liveMillis() {
    return liveMillis;
  }

  int changes() {
    return changes;
  }
}
