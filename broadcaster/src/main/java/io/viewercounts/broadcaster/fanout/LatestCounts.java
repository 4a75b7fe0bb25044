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

  private static final Comparator<ViewerCount> BY_VIEWERS =
      Comparator.comparingInt(ViewerCount::viewerCount)
          .reversed()
          .thenComparing(ViewerCount::streamId);

  private final ConcurrentMap<String, Frame> byStream = new ConcurrentHashMap<>();

  /**
   * Keeps {@code frame} if it is newer than what is known.
   *
   * @return whether it did, and the frame it replaced
   */
  Offer offer(Frame frame) {
    Frame[] known = new Frame[1];
    Frame kept =
        byStream.compute(
            frame.streamId(),
            (id, previous) -> {
              known[0] = previous;
              return previous == null || frame.version() > previous.version() ? frame : previous;
            });
    return new Offer(kept == frame, known[0]);
  }

  /**
   * The outcome of an offer.
   *
   * @param kept whether the offered frame is now the stream's latest
   * @param previous the stream's latest frame before, null if the stream was unknown
   */
  record Offer(boolean kept, Frame previous) {

    /** Whether the stream entered or left the live set with the kept frame. */
    boolean changedLiveness(Frame offered) {
      boolean wasLive = previous != null && previous.count().isLive();
      return kept && wasLive != offered.count().isLive();
    }
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
    return byStream.values().stream().map(Frame::count).sorted(BY_VIEWERS).toList();
  }

  /** The live streams, most viewers first, from position {@code offset}, at most {@code limit}. */
  StreamSlice live(int offset, int limit) {
    List<ViewerCount> live =
        byStream.values().stream()
            .map(Frame::count)
            .filter(ViewerCount::isLive)
            .sorted(BY_VIEWERS)
            .toList();
    return StreamSlice.of(live, offset, limit);
  }

  int size() {
    return byStream.size();
  }
}
