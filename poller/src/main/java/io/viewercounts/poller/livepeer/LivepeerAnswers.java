package io.viewercounts.poller.livepeer;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads Livepeer's answers and checks them. An answer with anything we do not understand is refused
 * whole (IllegalArgumentException saying what and where), never half-used: a wrong count written to
 * the table would be published to every viewer.
 *
 * <p>Each page is read as a stream, one element at a time straight into its record, never as a
 * tree of the whole answer: a page of 100,000 streams is tens of megabytes, and a tree of it would
 * cost several times that in memory and in time.
 */
final class LivepeerAnswers {

  /**
   * How one call's answer is read: page by page, then checked as a whole (duplicates may sit on
   * different pages).
   */
  interface Reader<T> {

    /** The elements of one page; {@code first} is the index of its first element in the answer. */
    List<T> page(byte[] body, int first);

    /** Checks what every element needs to be checked against the others. */
    void checkWhole(List<T> elements);
  }

  /** {@code GET /stream}: every stream with an id and a playback id, none twice. */
  static final Reader<LivepeerStream> STREAMS =
      new Reader<>() {
        @Override
        public List<LivepeerStream> page(byte[] body, int first) {
          return elements(body, STREAM_JSON, "stream", first, LivepeerAnswers::stream);
        }

        @Override
        public void checkWhole(List<LivepeerStream> streams) {
          Set<String> ids = new HashSet<>(streams.size() * 2);
          Set<String> playbackIds = new HashSet<>(streams.size() * 2);
          for (LivepeerStream stream : streams) {
            if (!ids.add(stream.id())) {
              throw new IllegalArgumentException("stream id " + stream.id() + " is listed twice");
            }
            if (!playbackIds.add(stream.playbackId())) {
              throw new IllegalArgumentException(
                  "playbackId " + stream.playbackId() + " belongs to two streams");
            }
          }
        }
      };

  /** {@code GET /data/views/now}: every row a playback id and a plausible count, none twice. */
  static final Reader<PlaybackViews> VIEWS =
      new Reader<>() {
        @Override
        public List<PlaybackViews> page(byte[] body, int first) {
          return elements(body, VIEWS_JSON, "views/now", first, LivepeerAnswers::views);
        }

        @Override
        public void checkWhole(List<PlaybackViews> views) {
          Set<String> playbackIds = new HashSet<>(views.size() * 2);
          for (PlaybackViews row : views) {
            if (!playbackIds.add(row.playbackId())) {
              throw new IllegalArgumentException(
                  "playbackId " + row.playbackId() + " is counted twice");
            }
          }
        }
      };

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
          // Elements are bound one by one from the page's parser: the rest of the page follows
          // each of them (what follows the whole array is refused in elements()).
          .disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private static final ObjectReader STREAM_JSON = MAPPER.readerFor(StreamJson.class);
  private static final ObjectReader VIEWS_JSON = MAPPER.readerFor(ViewsJson.class);

  private LivepeerAnswers() {}

  /**
   * The elements of one page, which must be a JSON array of objects, each bound with {@code
   * reader} and turned into a checked {@code T}.
   */
  private static <J, T> List<T> elements(
      byte[] body, ObjectReader reader, String what, int first, Checked<J, T> check) {
    List<T> elements = new ArrayList<>();
    try (JsonParser parser = MAPPER.createParser(body)) {
      JsonToken token = next(parser);
      if (token != JsonToken.START_ARRAY) {
        throw new IllegalArgumentException("answer is " + describe(token) + ", expected an array");
      }
      for (token = next(parser); token != JsonToken.END_ARRAY; token = next(parser)) {
        String where = what + " [" + (first + elements.size()) + "]";
        if (token != JsonToken.START_OBJECT) {
          throw new IllegalArgumentException(
              where + " is " + describe(token) + ", expected an object");
        }
        J json;
        try {
          json = reader.readValue(parser);
        } catch (JacksonException e) {
          throw new IllegalArgumentException(where + " is malformed: " + e.getOriginalMessage());
        }
        elements.add(check.apply(json, where));
      }
      if (next(parser) != null) {
        throw new IllegalArgumentException("answer goes on after its array");
      }
    }
    return elements;
  }

  @FunctionalInterface
  private interface Checked<J, T> {
    T apply(J json, String where);
  }

  private static JsonToken next(JsonParser parser) {
    try {
      return parser.nextToken();
    } catch (JacksonException e) {
      throw new IllegalArgumentException("answer is not JSON: " + e.getOriginalMessage());
    }
  }

  private static String describe(JsonToken token) {
    if (token == null) {
      return "empty";
    }
    return switch (token) {
      case START_OBJECT -> "a JSON object";
      case START_ARRAY -> "a JSON array";
      case VALUE_STRING -> "a JSON string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a JSON number";
      case VALUE_TRUE, VALUE_FALSE -> "a JSON boolean";
      case VALUE_NULL -> "a JSON null";
      default -> "not JSON";
    };
  }

  private static LivepeerStream stream(StreamJson json, String where) {
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

  private static PlaybackViews views(ViewsJson json, String where) {
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
