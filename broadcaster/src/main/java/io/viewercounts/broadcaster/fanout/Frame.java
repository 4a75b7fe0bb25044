package io.viewercounts.broadcaster.fanout;

import io.viewercounts.events.ViewerCount;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * One {@code viewer_count} server frame: encoded to JSON and then to UTF-8 once, and the same bytes
 * are queued for every subscriber of its stream and kept as the stream's latest value.
 *
 * @param utf8 read-only and shared by every connection: read it through a {@code duplicate()}
 */
public record Frame(ViewerCount count, ByteBuffer utf8) {

  public static Frame of(ViewerCount count) {
    return new Frame(count, utf8(ServerMessages.viewerCount(count)));
  }

  /** Text as the read-only UTF-8 bytes a {@link Transport} sends. */
  static ByteBuffer utf8(String text) {
    return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)).asReadOnlyBuffer();
  }

  public String streamId() {
    return count.streamId();
  }

  public long version() {
    return count.version();
  }
}
