package io.viewercounts.poller.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.viewercounts.poller.livepeer.LivepeerStream;
import io.viewercounts.poller.livepeer.PlaybackViews;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamMergeTest {

  static final Instant ENDED = Instant.parse("2026-11-25T17:00:00.123Z");

  @Test
  void aLiveStreamGetsTheViewCountOfItsPlaybackId() {
    List<StreamRow> rows =
        StreamMerge.rows(
            List.of(new LivepeerStream("s-1", "Morning", "pb-1", true, null)),
            List.of(new PlaybackViews("pb-1", 12), new PlaybackViews("pb-9", 40)));

    assertThat(rows).containsExactly(new StreamRow("s-1", "pb-1", "Morning", true, 12, null));
  }

  @Test
  void aLiveStreamMissingFromViewsNowHasNoViewers() {
    List<StreamRow> rows =
        StreamMerge.rows(
            List.of(new LivepeerStream("s-1", "Morning", "pb-1", true, null)), List.of());

    assertThat(rows).extracting(StreamRow::viewerCount).containsExactly(0);
  }

  @Test
  void aStreamThatIsNotLiveHasNoViewersWhateverViewsNowSays() {
    List<StreamRow> rows =
        StreamMerge.rows(
            List.of(new LivepeerStream("s-1", "Morning", "pb-1", false, ENDED)),
            List.of(new PlaybackViews("pb-1", 7)));

    assertThat(rows).containsExactly(new StreamRow("s-1", "pb-1", "Morning", false, 0, ENDED));
  }

  @Test
  void keepsEveryListedStreamInOrder() {
    List<StreamRow> rows =
        StreamMerge.rows(
            List.of(
                new LivepeerStream("s-2", null, "pb-2", true, ENDED),
                new LivepeerStream("s-1", "Morning", "pb-1", false, null)),
            List.of(new PlaybackViews("pb-2", 3)));

    assertThat(rows)
        .containsExactly(
            new StreamRow("s-2", "pb-2", null, true, 3, ENDED),
            new StreamRow("s-1", "pb-1", "Morning", false, 0, null));
  }
}
