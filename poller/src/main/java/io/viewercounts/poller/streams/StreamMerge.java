package io.viewercounts.poller.streams;

import io.viewercounts.poller.livepeer.LivepeerStream;
import io.viewercounts.poller.livepeer.PlaybackViews;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Joins Livepeer's stream list and its realtime views into the rows to write. */
public final class StreamMerge {

  private StreamMerge() {}

  /**
   * One row per listed stream: a live stream gets its playback id's view count (0 when views/now
   * does not mention it); a stream that is not live has 0 viewers whatever views/now says, since
   * its audience is gone.
   */
  public static List<StreamRow> rows(List<LivepeerStream> streams, List<PlaybackViews> views) {
    Map<String, Integer> viewers =
        views.stream()
            .collect(
                Collectors.toMap(
                    PlaybackViews::playbackId, PlaybackViews::viewCount, Integer::max));
    return streams.stream()
        .map(
            stream ->
                new StreamRow(
                    stream.id(),
                    stream.playbackId(),
                    stream.name(),
                    stream.active(),
                    stream.active() ? viewers.getOrDefault(stream.playbackId(), 0) : 0,
                    stream.lastTerminatedAt()))
        .toList();
  }
}
