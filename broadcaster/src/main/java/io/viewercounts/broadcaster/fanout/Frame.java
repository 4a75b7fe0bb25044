package io.viewercounts.broadcaster.fanout;

import io.viewercounts.events.ViewerCount;

/**
 * One {@code viewer_count} server frame: encoded once, then the same instance (and the same String)
 * is queued for every subscriber of its stream and kept as the stream's latest value.
 */
public record Frame(ViewerCount count, String text) {

  public static Frame of(ViewerCount count) {
    return new Frame(count, ServerMessages.viewerCount(count));
  }

  public String streamId() {
    return count.streamId();
  }

  public long version() {
    return count.version();
  }
}
