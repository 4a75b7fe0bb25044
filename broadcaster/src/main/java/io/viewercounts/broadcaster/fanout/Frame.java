package io.viewercounts.broadcaster.fanout;

import io.viewercounts.events.ViewerCount;

/**
 * One {@code viewer_count} server frame: encoded to JSON and then to WebSocket bytes once, and the
 * same bytes are queued for every subscriber of its stream and kept as the stream's latest value.
 */
public record Frame(ViewerCount count, EncodedText text) {

  public static Frame of(ViewerCount count) {
    return new Frame(count, EncodedText.shared(ServerMessages.viewerCount(count)));
  }

  public String streamId() {
    return count.streamId();
  }

  public long version() {
    return count.version();
  }
}
