package io.viewercounts.broadcaster.fanout;

import io.viewercounts.events.MinuteStats;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/** The recent minutes of every stream this node has seen live lately (see {@link Hub}). */
final class Histories {

  private final int windowMinutes;
  private final ConcurrentMap<String, StreamHistory> byStream = new ConcurrentHashMap<>();
  private final AtomicLong revisions = new AtomicLong();

  Histories(int windowMinutes) {
    this.windowMinutes = windowMinutes;
  }

  /**
   * Adds the minute to its stream's history.
   *
   * @return the stream's new history, or null when the minute was too old to change it
   */
  StreamHistory offer(MinuteStats stats) {
    StreamHistory[] changed = new StreamHistory[1];
    byStream.compute(
        stats.streamId(),
        (id, known) -> {
          long revision = revisions.incrementAndGet();
          StreamHistory next =
              known == null
                  ? StreamHistory.of(stats, revision)
                  : known.with(stats, windowMinutes, revision);
          changed[0] = next == known ? null : next;
          return next;
        });
    return changed[0];
  }

  StreamHistory get(String streamId) {
    return byStream.get(streamId);
  }

  void forget(String streamId) {
    byStream.remove(streamId);
  }

  /**
   * Forgets the streams whose newest minute left the window that ends at {@code now}: streams that
   * ended or were deleted, so memory holds only the streams live within the window.
   *
   * @return how many were forgotten
   */
  int forgetEndedBefore(Instant now) {
    long oldestKept = Math.floorDiv(now.getEpochSecond(), 60) - windowMinutes;
    int before = byStream.size();
    byStream.values().removeIf(history -> history.newestMinute() < oldestKept);
    return before - byStream.size();
  }

  int windowMinutes() {
    return windowMinutes;
  }

  int size() {
    return byStream.size();
  }
}
