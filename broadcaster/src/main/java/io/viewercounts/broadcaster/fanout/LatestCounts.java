package io.viewercounts.broadcaster.fanout;

import io.viewercounts.events.ViewerCount;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * What this node knows: the latest value of every stream, kept with its encoded frame so a
 * subscriber's snapshot reuses it. A value only replaces one with a strictly lower version.
 */
final class LatestCounts {

  private final ConcurrentMap<String, Frame> byStream = new ConcurrentHashMap<>();

  /** Keeps {@code frame} if it is newer than what is known; returns whether it did. */
  boolean offer(Frame frame) {
    Frame kept =
        byStream.merge(
            frame.streamId(),
            frame,
            (known, offered) -> offered.version() > known.version() ? offered : known);
    return kept == frame;
  }

  void forget(String streamId) {
    byStream.remove(streamId);
  }

  /** The latest frame of a stream, or null when the stream is unknown. */
  Frame frame(String streamId) {
    return byStream.get(streamId);
  }

  Optional<ViewerCount> get(String streamId) {
    return Optional.ofNullable(byStream.get(streamId)).map(Frame::count);
  }

  /** Every known stream, most viewers first, then by id so the order is stable. */
  List<ViewerCount> all() {
    return byStream.values().stream()
        .map(Frame::count)
        .sorted(
            Comparator.comparingInt(ViewerCount::viewerCount)
                .reversed()
                .thenComparing(ViewerCount::streamId))
        .toList();
  }

  int size() {
    return byStream.size();
  }
}
