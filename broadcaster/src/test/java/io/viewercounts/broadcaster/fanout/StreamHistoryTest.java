package io.viewercounts.broadcaster.fanout;

import static io.viewercounts.broadcaster.fanout.Minutes.HOUR;
import static io.viewercounts.broadcaster.fanout.Minutes.minute;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class StreamHistoryTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final int WINDOW = 30;

  @Test
  void theFrameHoldsOneEntryPerMinuteFromTheFirstOneKnown() {
    StreamHistory history =
        StreamHistory.of(minute("a", 0, 12, 10.25), 1).with(minute("a", 1, 15, 13), WINDOW, 2);

    assertThat(JSON.readTree(history.text()))
        .isEqualTo(
            JSON.readTree(
                "{\"type\":\"history\",\"streamId\":\"a\",\"start\":\"2026-12-02T15:00:00Z\","
                    + "\"peak\":[12,15],\"mean\":[10.3,13.0]}"));
  }

  @Test
  void aMinuteTheStreamWasNotLiveIsNull() {
    StreamHistory history =
        StreamHistory.of(minute("a", 0, 12, 10), 1).with(minute("a", 3, 20, 18), WINDOW, 2);

    JsonNode frame = JSON.readTree(history.text());
    assertThat(frame.get("peak").toString()).isEqualTo("[12,null,null,20]");
    assertThat(frame.get("mean").toString()).isEqualTo("[10.0,null,null,18.0]");
  }

  @Test
  void theWindowEndsWithTheNewestMinuteAndDropsOlderOnes() {
    StreamHistory history = StreamHistory.of(minute("a", 0, 1, 1), 1);
    for (int i = 1; i < 40; i++) {
      history = history.with(minute("a", i, i + 1, i + 1), WINDOW, i + 1);
    }

    assertThat(history.minutes()).isEqualTo(WINDOW);
    assertThat(history.start()).isEqualTo(HOUR.plusSeconds(60 * 10));
    assertThat(peaks(history)).startsWith(11).endsWith(40);
  }

  @Test
  void aMinuteArrivingLateWithinTheWindowTakesItsPlace() {
    StreamHistory history =
        StreamHistory.of(minute("a", 5, 50, 50), 1)
            .with(minute("a", 3, 30, 30), WINDOW, 2)
            .with(minute("a", 4, 40, 40), WINDOW, 3);

    assertThat(history.start()).isEqualTo(HOUR.plusSeconds(60 * 3));
    assertThat(peaks(history)).containsExactly(30, 40, 50);
  }

  @Test
  void aMinuteOlderThanTheWindowChangesNothing() {
    StreamHistory history = StreamHistory.of(minute("a", 40, 1, 1), 1);

    assertThat(history.with(minute("a", 10, 2, 2), WINDOW, 2)).isSameAs(history);
  }

  @Test
  void theSameMinuteAgainReplacesIt() {
    StreamHistory history =
        StreamHistory.of(minute("a", 0, 12, 10), 1).with(minute("a", 0, 14, 11), WINDOW, 2);

    assertThat(peaks(history)).containsExactly(14);
  }

  private static List<Integer> peaks(StreamHistory history) {
    List<Integer> peaks = new ArrayList<>();
    for (int i = 0; i < history.minutes(); i++) {
      peaks.add(history.peak(i));
    }
    return peaks;
  }
}
