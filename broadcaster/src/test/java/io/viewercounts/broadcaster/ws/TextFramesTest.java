package io.viewercounts.broadcaster.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TextFramesTest {

  private final TextFrames frames = new TextFrames(10);

  @Test
  void aFrameInOnePartPassesAsItIs() throws Exception {
    String part = "{\"a\":1}";

    assertThat(frames.add(part, true)).isSameAs(part);
  }

  @Test
  void partsAreJoinedUntilTheLast() throws Exception {
    assertThat(frames.add("abc", false)).isNull();
    assertThat(frames.add("def", false)).isNull();
    assertThat(frames.add("gh", true)).isEqualTo("abcdefgh");

    assertThat(frames.add("next", true)).isEqualTo("next");
  }

  @Test
  void aFrameOverTheLimitIsRefusedAsSoonAsItExceedsIt() throws Exception {
    frames.add("123456", false);

    assertThatThrownBy(() -> frames.add("78901", false))
        .isInstanceOf(TextFrames.FrameTooLargeException.class);
    assertThat(frames.add("rest", true)).isNull(); // the tail of the refused frame
    assertThat(frames.add("1234567890", true)).isEqualTo("1234567890");
  }
}
