package io.viewercounts.events;

import java.nio.charset.StandardCharsets;

/** Encodes and decodes the MinuteStats JSON of the {@code viewer-counts-1m} topic. Thread-safe. */
public final class MinuteStatsJson {

  private MinuteStatsJson() {}

  public static byte[] encodeToBytes(MinuteStats stats) {
    return EventJson.encodeToBytes(stats);
  }

  /**
   * @throws IllegalArgumentException with a message that says what is wrong, for anything that is
   *     not a valid MinuteStats
   */
  public static MinuteStats decode(byte[] json) {
    return EventJson.decode(json, MinuteStats.class);
  }

  public static MinuteStats decode(String json) {
    return decode(json.getBytes(StandardCharsets.UTF_8));
  }
}
