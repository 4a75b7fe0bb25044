package io.viewercounts.broadcaster.fanout;

import io.viewercounts.events.MinuteStats;
import java.time.Instant;

/** Closed minutes of a stream, for tests. */
public final class Minutes {

  /** A whole UTC minute, the start of the tests' hour. */
  public static final Instant HOUR = Instant.parse("2026-12-02T15:00:00Z");

  private Minutes() {}

  /** The stream's live minute {@code index} minutes after {@link #HOUR}. */
  public static MinuteStats minute(String streamId, int index, int peak, double mean) {
    return minuteAt(streamId, HOUR.plusSeconds(60L * index), peak, mean);
  }

  /** The stream's live minute starting at {@code start}. */
  public static MinuteStats minuteAt(String streamId, Instant start, int peak, double mean) {
    return new MinuteStats(
        streamId, start, start.plusSeconds(60), peak, 0, mean, peak, 1, 60, true);
  }
}
