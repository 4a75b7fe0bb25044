package io.viewercounts.events;

import java.nio.charset.StandardCharsets;

/** Encodes and decodes the ViewerCount JSON of the {@code viewer-counts} topic. Thread-safe. */
public final class ViewerCountJson {

  private ViewerCountJson() {}

  public static String encode(ViewerCount count) {
    return EventJson.encode(count);
  }

  public static byte[] encodeToBytes(ViewerCount count) {
    return EventJson.encodeToBytes(count);
  }

  /**
   * Reads one ViewerCount.
   *
   * @throws IllegalArgumentException with a message that says what is wrong, for anything that is
   *     not a valid ViewerCount
   */
  public static ViewerCount decode(byte[] json) {
    return EventJson.decode(json, ViewerCount.class);
  }

  public static ViewerCount decode(String json) {
    return decode(json.getBytes(StandardCharsets.UTF_8));
  }
}
