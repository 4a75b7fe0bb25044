package io.viewercounts.poller.streams;

import java.time.Instant;
import java.util.Objects;

/**
 * What one poll says a row of {@code streams} should hold.
 *
 * @param id Livepeer stream id (the primary key)
 * @param playbackId written only when the row is created
 * @param name the stream's name, may be null
 * @param live whether the stream is live
 * @param viewerCount current viewers, 0 when not live
 * @param lastTerminatedAt Livepeer's last end time of the stream, null if unknown; the writer turns
 *     it into {@code ended_at} depending on what the row held before
 */
public record StreamRow(
    String id,
    String playbackId,
    String name,
    boolean live,
    int viewerCount,
    Instant lastTerminatedAt) {

  public StreamRow {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(playbackId, "playbackId");
    if (viewerCount < 0) {
      throw new IllegalArgumentException("viewerCount must not be negative, was " + viewerCount);
    }
  }
}
