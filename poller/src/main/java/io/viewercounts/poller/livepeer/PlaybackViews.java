package io.viewercounts.poller.livepeer;

import java.util.Objects;

/**
 * One row of Livepeer's realtime viewership ({@code views/now} broken down by playback id).
 *
 * @param playbackId the playback id counted, never blank
 * @param viewCount current viewers, from 0 to 1,000,000,000 (larger answers are refused as absurd)
 */
public record PlaybackViews(String playbackId, int viewCount) {

  public PlaybackViews {
    Objects.requireNonNull(playbackId, "playbackId");
    if (viewCount < 0) {
      throw new IllegalArgumentException("viewCount must not be negative, was " + viewCount);
    }
  }
}
