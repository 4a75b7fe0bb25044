package io.viewercounts.poller.livepeer;

import java.time.Instant;
import java.util.Objects;

/**
 * The parts of one Livepeer stream object the poller uses; everything else Livepeer sends is
 * ignored.
 *
 * @param id Livepeer stream id, never blank
 * @param name the stream's name, may be null
 * @param playbackId the id viewers play it by (and views/now counts by), never blank
 * @param active whether it is live now ({@code isActive})
 * @param lastTerminatedAt when it last stopped, null if Livepeer did not say
 */
public record LivepeerStream(
    String id, String name, String playbackId, boolean active, Instant lastTerminatedAt) {

  public LivepeerStream {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(playbackId, "playbackId");
  }
}
