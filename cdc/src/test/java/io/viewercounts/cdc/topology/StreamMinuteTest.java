package io.viewercounts.cdc.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.viewercounts.events.MinuteStats;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamMinuteTest {

  private static final long NOON = Instant.parse("2026-11-25T12:00:00Z").toEpochMilli();

  private final List<MinuteStats> emitted = new ArrayList<>();

  @Test
  void aSteadyCountHeldAWholeMinuteIsItsPeakMinimumMeanAndLast() {
    StreamMinute minute = StreamMinute.holding(10, true, NOON);

    minute.closeBefore(at(60), "s", emitted::add);

    assertThat(emitted)
        .extracting(MinuteStats::windowStart, MinuteStats::peak, MinuteStats::min,
            MinuteStats::mean, MinuteStats::last, MinuteStats::changes,
            MinuteStats::secondsLive, MinuteStats::isLive)
        .containsExactly(tuple(Instant.ofEpochMilli(NOON), 10, 10, 10.0, 10, 0, 60.0, true));
  }

  @Test
  void theMeanWeighsEachCountByHowLongItHeld() {
    StreamMinute minute = StreamMinute.first(10, true, NOON);
    minute.change(40, true, at(45), "s", emitted::add);

    minute.closeBefore(at(60), "s", emitted::add);

    // 10 for 45 s, 40 for 15 s
    assertThat(emitted)
        .extracting(MinuteStats::peak, MinuteStats::min, MinuteStats::mean, MinuteStats::last,
            MinuteStats::changes)
        .containsExactly(tuple(40, 10, 17.5, 40, 2));
  }

  @Test
  void everyMinuteOfASilentLiveStreamGetsItsRecord() {
    StreamMinute minute = StreamMinute.first(7, true, at(10));

    minute.closeBefore(at(180), "s", emitted::add);

    assertThat(emitted)
        .extracting(MinuteStats::windowStart, MinuteStats::secondsLive, MinuteStats::changes)
        .containsExactly(
            tuple(Instant.ofEpochMilli(NOON), 50.0, 1),
            tuple(Instant.ofEpochMilli(at(60)), 60.0, 0),
            tuple(Instant.ofEpochMilli(at(120)), 60.0, 0));
    assertThat(emitted).extracting(MinuteStats::mean).containsOnly(7.0);
  }

  @Test
  void aChangeInALaterMinuteClosesTheMinutesBeforeIt() {
    StreamMinute minute = StreamMinute.first(10, true, NOON);

    minute.change(20, true, at(150), "s", emitted::add);

    assertThat(emitted)
        .extracting(MinuteStats::windowStart, MinuteStats::last)
        .containsExactly(
            tuple(Instant.ofEpochMilli(NOON), 10), tuple(Instant.ofEpochMilli(at(60)), 10));
  }

  @Test
  void aStreamThatEndsMidMinuteCountsOnlyItsLiveSecondsAndThenFallsSilent() {
    StreamMinute minute = StreamMinute.first(10, true, NOON);
    minute.change(0, false, at(45), "s", emitted::add);

    minute.closeBefore(at(300), "s", emitted::add);

    assertThat(emitted)
        .extracting(MinuteStats::peak, MinuteStats::min, MinuteStats::mean, MinuteStats::last,
            MinuteStats::secondsLive, MinuteStats::isLive)
        .containsExactly(tuple(10, 10, 10.0, 0, 45.0, false));
    assertThat(minute.isIdle()).isTrue();
  }

  @Test
  void aStreamThatGoesLiveMidMinuteCountsFromThen() {
    StreamMinute minute = StreamMinute.first(0, false, NOON);
    minute.change(5, true, at(40), "s", emitted::add);

    minute.closeBefore(at(60), "s", emitted::add);

    assertThat(emitted)
        .extracting(MinuteStats::peak, MinuteStats::min, MinuteStats::secondsLive)
        .containsExactly(tuple(5, 5, 20.0));
  }

  @Test
  void aDeletedStreamClosesItsMinuteAtOnce() {
    StreamMinute minute = StreamMinute.first(8, true, NOON);

    minute.delete(at(30), "s", emitted::add);

    assertThat(emitted)
        .extracting(MinuteStats::secondsLive, MinuteStats::changes, MinuteStats::isLive)
        .containsExactly(tuple(30.0, 2, false));
  }

  @Test
  void aStreamNeverLiveInAMinuteHasNoRecordForIt() {
    StreamMinute minute = StreamMinute.first(0, false, NOON);

    minute.closeBefore(at(600), "s", emitted::add);

    assertThat(emitted).isEmpty();
    assertThat(minute.isIdle()).isTrue();
  }

  @Test
  void aChangeStampedBeforeOneAlreadyCountedCountsAtItsTime() {
    StreamMinute minute = StreamMinute.first(10, true, at(30));
    minute.change(20, true, at(20), "s", emitted::add); // a clock step back

    minute.closeBefore(at(60), "s", emitted::add);

    assertThat(emitted)
        .extracting(MinuteStats::mean, MinuteStats::secondsLive, MinuteStats::changes)
        .containsExactly(tuple(20.0, 30.0, 2));
  }

  @Test
  void aChangeOfAClosedMinuteIsLate() {
    StreamMinute minute = StreamMinute.first(10, true, NOON);
    minute.closeBefore(at(60), "s", emitted::add);

    assertThat(minute.isLate(at(59))).isTrue();
    assertThat(minute.isLate(at(60))).isFalse();
  }

  @Test
  void theStoredFormRoundTrips() {
    StreamMinute minute = StreamMinute.first(10, true, NOON);
    minute.change(40, true, at(45), "s", emitted::add);

    StreamMinute restored = StreamMinuteSerde.decode(StreamMinuteSerde.encode(minute));
    restored.closeBefore(at(60), "s", emitted::add);
    minute.closeBefore(at(60), "s", emitted::add);

    assertThat(emitted).hasSize(2);
    assertThat(emitted.get(0)).isEqualTo(emitted.get(1));
  }

  private static long at(int seconds) {
    return NOON + seconds * 1000L;
  }
}
