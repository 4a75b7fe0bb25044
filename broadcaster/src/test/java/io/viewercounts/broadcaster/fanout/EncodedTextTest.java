package io.viewercounts.broadcaster.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** The server's text frame of RFC 6455 section 5.2, for each of the three length encodings. */
class EncodedTextTest {

  @Test
  void upTo125BytesTheLengthIsInTheSecondByte() {
    ByteBuffer frame = EncodedText.of("x".repeat(125)).webSocketFrame();

    assertThat(header(frame, 2)).containsExactly(0x81, 125);
    assertThat(frame.remaining()).isEqualTo(2 + 125);
  }

  @Test
  void upTo65535BytesTheLengthFollowsIn16Bits() {
    ByteBuffer frame = EncodedText.of("x".repeat(65_535)).webSocketFrame();

    assertThat(header(frame, 4)).containsExactly(0x81, 126, 0xFF, 0xFF);
    assertThat(frame.remaining()).isEqualTo(4 + 65_535);
  }

  @Test
  void longerTheLengthFollowsIn64Bits() {
    ByteBuffer frame = EncodedText.of("x".repeat(65_536)).webSocketFrame();

    assertThat(header(frame, 10)).containsExactly(0x81, 127, 0, 0, 0, 0, 0, 1, 0, 0);
    assertThat(frame.remaining()).isEqualTo(10 + 65_536);
  }

  @Test
  void thePayloadIsTheTextsUtf8BytesAndTheLengthCountsBytes() {
    EncodedText text = EncodedText.of("{\"title\":\"Café ☕\"}");

    assertThat(text.text()).isEqualTo("{\"title\":\"Café ☕\"}");
    assertThat(header(text.webSocketFrame(), 2)).containsExactly(0x81, 21);
    assertThat(text.utf8().remaining()).isEqualTo(21);
  }

  @Test
  void everyReaderGetsItsOwnReadOnlyView() {
    EncodedText text = EncodedText.of("{}");
    ByteBuffer first = text.webSocketFrame();
    first.get();

    assertThat(text.webSocketFrame().position()).isZero();
    assertThat(first.isReadOnly()).isTrue();
    assertThat(text.utf8().isReadOnly()).isTrue();
  }

  @Test
  void aSharedMessageIsTheSameFrameInDirectMemory() {
    EncodedText shared = EncodedText.shared("{\"type\":\"viewer_count\"}");

    assertThat(shared.webSocketFrame().isDirect()).isTrue();
    assertThat(shared.webSocketFrame()).isEqualTo(EncodedText.of(shared.text()).webSocketFrame());
  }

  private static int[] header(ByteBuffer frame, int length) {
    int[] bytes = new int[length];
    for (int i = 0; i < length; i++) {
      bytes[i] = frame.get(i) & 0xFF;
    }
    return bytes;
  }
}
