package io.viewercounts.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ViewerCountJsonTest {

  private static final ViewerCount LIVE =
      new ViewerCount(
          "abc", "Morning show", 12, true, null, 23456789L, Instant.parse("2026-11-25T17:00:00.123Z"));

  @Test
  void encodesTheContractShape() {
    assertThat(ViewerCountJson.encode(LIVE))
        .isEqualTo(
            "{\"streamId\":\"abc\",\"name\":\"Morning show\",\"viewerCount\":12,\"isLive\":true,\"endedAt\":null,"
                + "\"version\":23456789,\"changedAt\":\"2026-11-25T17:00:00.123Z\"}");
  }

  @Test
  void decodesWhatItEncodes() {
    ViewerCount ended =
        new ViewerCount("abc", null, 0, false, Instant.parse("2026-11-25T18:00:00Z"), 5, null);

    assertThat(ViewerCountJson.decode(ViewerCountJson.encode(ended))).isEqualTo(ended);
  }

  @Test
  void ignoresFieldsAddedByNewerProducers() {
    String newer =
        "{\"streamId\":\"abc\",\"viewerCount\":3,\"isLive\":true,\"endedAt\":null,"
            + "\"version\":7,\"changedAt\":null,\"region\":\"eu\"}";

    assertThat(ViewerCountJson.decode(newer).viewerCount()).isEqualTo(3);
  }

  @Test
  void readsRecordsWrittenBeforeNamesWereCarried() {
    String older =
        "{\"streamId\":\"abc\",\"viewerCount\":3,\"isLive\":true,\"endedAt\":null,"
            + "\"version\":7,\"changedAt\":null}";

    assertThat(ViewerCountJson.decode(older))
        .isEqualTo(new ViewerCount("abc", null, 3, true, null, 7, null));
  }

  @Test
  void aRenameIsAVisibleChange() {
    ViewerCount before = new ViewerCount("abc", "Morning show", 3, true, null, 7, null);
    ViewerCount renamed = new ViewerCount("abc", "Evening show", 3, true, null, 8, null);
    ViewerCount sameLook = new ViewerCount("abc", "Morning show", 3, true, null, 9, null);

    assertThat(renamed.differsVisiblyFrom(before)).isTrue();
    assertThat(sameLook.differsVisiblyFrom(before)).isFalse();
  }

  @Test
  void refusesNegativeCounts() {
    String negative =
        "{\"streamId\":\"abc\",\"viewerCount\":-1,\"isLive\":true,\"version\":7}";

    assertThatThrownBy(() -> ViewerCountJson.decode(negative))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("viewerCount must not be negative");
  }

  @Test
  void refusesTextThatIsNotJson() {
    assertThatThrownBy(() -> ViewerCountJson.decode("not json"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("not a ViewerCount");
  }

  @Test
  void refusesAMissingStreamId() {
    assertThatThrownBy(() -> ViewerCountJson.decode("{\"viewerCount\":1,\"isLive\":true,\"version\":1}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("streamId");
  }

  @Test
  void onlyAHigherVersionSupersedes() {
    ViewerCount older = new ViewerCount("abc", "A", 12, true, null, 10, null);
    ViewerCount same = new ViewerCount("abc", "A", 13, true, null, 10, null);
    ViewerCount newer = new ViewerCount("abc", "A", 13, true, null, 11, null);

    assertThat(newer.supersedes(older)).isTrue();
    assertThat(same.supersedes(older)).isFalse();
    assertThat(older.supersedes(newer)).isFalse();
  }
}
