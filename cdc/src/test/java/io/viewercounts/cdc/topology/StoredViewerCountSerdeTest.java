package io.viewercounts.cdc.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.viewercounts.events.ViewerCount;
import io.viewercounts.events.ViewerCountJson;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class StoredViewerCountSerdeTest {

  private static final ViewerCount ENDED =
      new ViewerCount(
          "stream-é1",
          "Morning show ☀",
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
    ViewerCount live = new ViewerCount("abc", null, 0, true, null, 5, null);

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
  void storedCountOfTheFormatBeforeNamesIsReadWithoutAName() {
    byte[] id = "abc".getBytes(StandardCharsets.UTF_8);
    // format 1, version 5, 12 viewers, flags: live; then the id
    ByteBuffer before = ByteBuffer.allocate(1 + 8 + 4 + 1 + id.length);
    before.put((byte) 1).putLong(5).putInt(12).put((byte) 1).put(id);

    assertThat(StoredViewerCountSerde.decode(before.array()))
        .isEqualTo(new ViewerCount("abc", null, 12, true, null, 5, null));
  }

  @Test
  void nameLongerThanTheBytesLeftIsRefused() {
    byte[] stored = StoredViewerCountSerde.encode(new ViewerCount("abc", "x", 0, true, null, 5, null));
    // the name's length follows the format byte, version, count and flags
    ByteBuffer.wrap(stored).putInt(1 + 8 + 4 + 1, 1_000);

    assertThatThrownBy(() -> StoredViewerCountSerde.decode(stored))
        .isInstanceOf(SerializationException.class)
        .hasMessageStartingWith("not a stored ViewerCount");
  }

  @Test
  void bytesOfAnotherFormAreRefusedSayingWhy() {
    assertThatThrownBy(() -> StoredViewerCountSerde.decode(new byte[] {7, 0, 0}))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("format byte 7, expected 2");
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
