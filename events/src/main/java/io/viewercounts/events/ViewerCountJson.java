package io.viewercounts.events;

import java.nio.charset.StandardCharsets;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Encodes and decodes the ViewerCount JSON of the {@code viewer-counts} topic. Thread-safe. */
public final class ViewerCountJson {

  private static final JsonMapper MAPPER =
      JsonMapper.builder()
          // Producers may add fields to the event; older readers must keep working.
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .build();

  private ViewerCountJson() {}

  public static String encode(ViewerCount count) {
    return MAPPER.writeValueAsString(count);
  }

  public static byte[] encodeToBytes(ViewerCount count) {
    return MAPPER.writeValueAsBytes(count);
  }

  /**
   * Reads one ViewerCount.
   *
   * @throws IllegalArgumentException with a message that says what is wrong, for anything that is
   *     not a valid ViewerCount
   */
  public static ViewerCount decode(byte[] json) {
    try {
      ViewerCount count = MAPPER.readValue(json, ViewerCount.class);
      if (count == null) {
        throw new IllegalArgumentException("not a ViewerCount: JSON null");
      }
      return count;
    } catch (JacksonException e) {
      throw new IllegalArgumentException("not a ViewerCount: " + e.getOriginalMessage(), e);
    }
  }

  public static ViewerCount decode(String json) {
    return decode(json.getBytes(StandardCharsets.UTF_8));
  }
}
