package io.viewercounts.poller.livepeer;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads Livepeer's answers and checks them. An answer with anything we do not understand is refused
 * whole (IllegalArgumentException saying what and where), never half-used: a wrong count written to
 * the table would be published to every viewer.
 */
final class LivepeerAnswers {

  /** More viewers than this on one stream is not a real count but a broken answer. */
  static final long MAX_VIEW_COUNT = 1_000_000_000L;

  // PostgreSQL's timestamptz cannot hold everything a long of milliseconds can.
  private static final long MAX_EPOCH_MILLI =
      Instant.parse("9999-12-31T23:59:59.999Z").toEpochMilli();

  private static final JsonMapper MAPPER =
      JsonMapper.builder()
          // Livepeer sends many fields we do not use, and adds new ones.
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          // A count of 3.5 or "12" is a broken answer, not something to round or convert.
          .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
          .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
          .build();

  private LivepeerAnswers() {}

  /** The elements of one answer (or page), which must be a JSON array. */
  static List<JsonNode> elements(byte[] body) {
    JsonNode root;
    try {
      root = MAPPER.readTree(body);
    } catch (JacksonException e) {
      throw new IllegalArgumentException("answer is not JSON: " + e.getOriginalMessage());
    }
    if (root == null || !root.isArray()) {
      throw new IllegalArgumentException("answer is " + describe(root) + ", expected an array");
    }
    return List.copyOf(root.values());
  }

  /** The streams of {@code GET /stream}: every one with an id and a playback id, none twice. */
  static List<LivepeerStream> streams(List<JsonNode> elements) {
    List<LivepeerStream> streams = new ArrayList<>(elements.size());
    Set<String> ids = new HashSet<>();
    Set<String> playbackIds = new HashSet<>();
    for (int i = 0; i < elements.size(); i++) {
      LivepeerStream stream = stream(elements.get(i), "stream [" + i + "]");
      if (!ids.add(stream.id())) {
        throw new IllegalArgumentException("stream id " + stream.id() + " is listed twice");
      }
      if (!playbackIds.add(stream.playbackId())) {
        throw new IllegalArgumentException(
            "playbackId " + stream.playbackId() + " belongs to two streams");
      }
      streams.add(stream);
    }
    return streams;
  }

  /** The rows of {@code GET /data/views/now}: every one a playback id and a plausible count. */
  static List<PlaybackViews> views(List<JsonNode> elements) {
    List<PlaybackViews> views = new ArrayList<>(elements.size());
    Set<String> playbackIds = new HashSet<>();
    for (int i = 0; i < elements.size(); i++) {
      PlaybackViews row = views(elements.get(i), "views/now [" + i + "]");
      if (!playbackIds.add(row.playbackId())) {
        throw new IllegalArgumentException("playbackId " + row.playbackId() + " is counted twice");
      }
      views.add(row);
    }
    return views;
  }

  private static LivepeerStream stream(JsonNode element, String where) {
    StreamJson json = bind(element, StreamJson.class, where);
    String id = requireText(json.id(), "id", where);
    String playbackId = requireText(json.playbackId(), "playbackId", where + " (id " + id + ")");
    return new LivepeerStream(
        id,
        json.name(),
        playbackId,
        // Livepeer's schema does not require isActive; a stream that does not say is not live.
        Boolean.TRUE.equals(json.isActive()),
        instant(json.lastTerminatedAt(), where + " (id " + id + ") lastTerminatedAt"));
  }

  private static PlaybackViews views(JsonNode element, String where) {
    ViewsJson json = bind(element, ViewsJson.class, where);
    String playbackId = requireText(json.playbackId(), "playbackId", where);
    String counted = where + " (playbackId " + playbackId + ") viewCount";
    if (json.viewCount() == null) {
      throw new IllegalArgumentException(counted + " is missing");
    }
    long viewCount = json.viewCount();
    if (viewCount < 0) {
      throw new IllegalArgumentException(counted + " is negative: " + viewCount);
    }
    if (viewCount > MAX_VIEW_COUNT) {
      throw new IllegalArgumentException(counted + " is absurd: " + viewCount);
    }
    return new PlaybackViews(playbackId, (int) viewCount);
  }

  private static <T> T bind(JsonNode element, Class<T> type, String where) {
    if (!element.isObject()) {
      throw new IllegalArgumentException(
          where + " is " + describe(element) + ", expected an object");
    }
    try {
      return MAPPER.treeToValue(element, type);
    } catch (JacksonException e) {
      throw new IllegalArgumentException(where + " is malformed: " + e.getOriginalMessage());
    }
  }

  private static String describe(JsonNode node) {
    return node == null || node.isMissingNode()
        ? "empty"
        : "a JSON " + node.getNodeType().toString().toLowerCase(Locale.ROOT);
  }

  private static String requireText(String value, String field, String where) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(where + " has no " + field);
    }
    return value;
  }

  private static Instant instant(Long epochMilli, String what) {
    if (epochMilli == null) {
      return null;
    }
    if (epochMilli < 0 || epochMilli > MAX_EPOCH_MILLI) {
      throw new IllegalArgumentException(what + " is not a plausible time: " + epochMilli);
    }
    return Instant.ofEpochMilli(epochMilli);
  }

  /** The fields of a Livepeer stream object we read; boxed so a missing field is seen as null. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  private record StreamJson(
      String id,
      String name,
      String playbackId,
      @JsonProperty("isActive") Boolean isActive,
      Long lastTerminatedAt) {}

  /** The fields of a views/now row we read (errorRate and breakdown dimensions are ignored). */
  @JsonIgnoreProperties(ignoreUnknown = true)
  private record ViewsJson(String playbackId, Long viewCount) {}
}
