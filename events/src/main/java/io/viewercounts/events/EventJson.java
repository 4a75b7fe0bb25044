package io.viewercounts.events;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The JSON of the pipeline's published events, one mapper for all of them. Thread-safe. */
final class EventJson {

  private static final JsonMapper MAPPER =
      JsonMapper.builder()
          // Producers may add fields to an event; older readers must keep working.
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .build();

  private EventJson() {}

  static String encode(Object event) {
    return MAPPER.writeValueAsString(event);
  }

  static byte[] encodeToBytes(Object event) {
    return MAPPER.writeValueAsBytes(event);
  }

  /**
   * @throws IllegalArgumentException with a message that says what is wrong, for anything that is
   *     not a valid {@code type}
   */
  static <T> T decode(byte[] json, Class<T> type) {
    String name = type.getSimpleName();
    try {
      T event = MAPPER.readValue(json, type);
      if (event == null) {
        throw new IllegalArgumentException("not a " + name + ": JSON null");
      }
      return event;
    } catch (JacksonException e) {
      throw new IllegalArgumentException("not a " + name + ": " + e.getOriginalMessage(), e);
    }
  }
}
