package io.viewercounts.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Objects;

/**
 * One stream's viewer count at one moment: the value of the {@code viewer-counts} topic.
 *
 * <p>The JSON form is a published contract read by broadcasters and analytics teams: fields may be
 * added, never renamed or removed.
 *
 * @param streamId Livepeer stream id, also the record key
 * @param name the stream's name as Livepeer gives it, null if it has none (or the record was
 *     written before names were carried)
 * @param viewerCount current viewers, never negative
 * @param isLive whether the stream is live
 * @param endedAt when the stream last stopped being live, null while live or if unknown
 * @param version strictly increasing per stream; consumers drop any update not above the last seen
 * @param changedAt when the change was committed in PostgreSQL, null if unknown
 */
public record ViewerCount(
    String streamId,
    String name,
    int viewerCount,
    @JsonProperty("isLive") boolean isLive,
    Instant endedAt,
    long version,
    Instant changedAt) {

  public ViewerCount {
    Objects.requireNonNull(streamId, "streamId");
    if (streamId.isBlank()) {
      throw new IllegalArgumentException("streamId must not be blank");
    }
    if (viewerCount < 0) {
      throw new IllegalArgumentException("viewerCount must not be negative, was " + viewerCount);
    }
  }

  /** Whether a consumer should show this value: it is the same stream and strictly newer. */
  public boolean supersedes(ViewerCount previous) {
    return previous == null || version > previous.version;
  }

  /** Whether what a viewer sees (name, count, liveness, end time) differs from {@code other}. */
  public boolean differsVisiblyFrom(ViewerCount other) {
    return other == null
        || !Objects.equals(name, other.name)
        || viewerCount != other.viewerCount
        || isLive != other.isLive
        || !Objects.equals(endedAt, other.endedAt);
  }
}
