package io.viewercounts.cdc.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.viewercounts.events.ViewerCount;
import io.viewercounts.events.ViewerCountJson;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class StoredViewerCountSerdeTest {

  private static final ViewerCount ENDED =
      new ViewerCount(
          "stream-é1",
          12,
          false,
          Instant.parse("2026-11-25T17:00:00.123456Z"),
          26_256_912L,
          Instant.parse("2026-11-25T17:00:01.5Z"));

  @Test
  void storedCountReadsBackWithEveryField() {
    assertThat(roundTrip(ENDED)).isEqualTo(ENDED);
  }

  @Test
  void storedCountReadsBackWithoutTimes() {
    ViewerCount live = new ViewerCount("abc", 0, true, null, 5, null);

    assertThat(roundTrip(live)).isEqualTo(live);
  }

  @Test
  void storedCountIsAFractionOfItsJson() {
    assertThat(StoredViewerCountSerde.encode(ENDED).length)
        .isLessThan(ViewerCountJson.encodeToBytes(ENDED).length / 2);
  }

  @Test
  void jsonStoredByEarlierVersionsIsStillRead() {
    assertThat(StoredViewerCountSerde.decode(ViewerCountJson.encodeToBytes(ENDED)))
        .isEqualTo(ENDED);
  }

  @Test
  void bytesOfAnotherFormAreRefusedSayingWhy() {
    assertThatThrownBy(() -> StoredViewerCountSerde.decode(new byte[] {7, 0, 0}))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("format byte 7, expected 1");
    assertThatThrownBy(() -> StoredViewerCountSerde.decode(new byte[0]))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("no bytes");
  }

  @Test
  void truncatedBytesAreRefused() {
    byte[] stored = StoredViewerCountSerde.encode(ENDED);

    assertThatThrownBy(() -> StoredViewerCountSerde.decode(Arrays.copyOf(stored, 20)))
        .isInstanceOf(SerializationException.class)
        .hasMessageStartingWith("not a stored ViewerCount");
  }

  @Test
  void timeOutOfRangeIsRefused() {
    byte[] stored = StoredViewerCountSerde.encode(ENDED);
    // the end time's epoch seconds follow the format byte, version, count and flags
    ByteBuffer.wrap(stored).putLong(1 + 8 + 4 + 1, Long.MAX_VALUE);

    assertThatThrownBy(() -> StoredViewerCountSerde.decode(stored))
        .isInstanceOf(SerializationException.class)
        .hasMessageStartingWith("not a stored ViewerCount");
  }

  private static ViewerCount roundTrip(ViewerCount count) {
    return StoredViewerCountSerde.decode(StoredViewerCountSerde.encode(count));
  }
}
