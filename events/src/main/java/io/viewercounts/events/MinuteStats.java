package io.viewercounts.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Objects;

/**
 * One stream's audience over one closed minute: the value of the {@code viewer-counts-1m} topic,
 * one record per stream per minute in which it was live.
 *
 * <p>A count holds from its change until the next one (the poller writes only changes), so a
 * minute without changes still has its record, with the held count. The JSON form is a published
 * contract: fields may be added, never renamed or removed.
 *
 * @param streamId Livepeer stream id, also the record key
 * @param windowStart the minute's start (inclusive), on a whole UTC minute
 * @param windowEnd the minute's end (exclusive), a minute after its start
 * @param peak the highest count held while live in the minute
 * @param min the lowest count held while live in the minute
 * @param mean the time-weighted mean count over the seconds live
 * @param last the count held at the minute's end (or when the stream was deleted)
 * @param changes changes of the stream committed in the minute
 * @param secondsLive how much of the minute the stream was live
 * @param isLive whether the stream was live at the minute's end; false for the minute in which it
 *     ended or was deleted
 */
public record MinuteStats(
    String streamId,
    Instant windowStart,
    Instant windowEnd,
    int peak,
    int min,
    double mean,
    int last,
    int changes,
    double secondsLive,
    @JsonProperty("isLive") boolean isLive) {

  public MinuteStats {
    Objects.requireNonNull(streamId, "streamId");
    Objects.requireNonNull(windowStart, "windowStart");
    Objects.requireNonNull(windowEnd, "windowEnd");
    if (min < 0 || peak < min) {
      throw new IllegalArgumentException("need 0 <= min <= peak, was " + min + " and " + peak);
    }
    if (secondsLive <= 0 || secondsLive > 60) {
      throw new IllegalArgumentException("secondsLive must be in (0, 60], was " + secondsLive);
    }
  }
}
